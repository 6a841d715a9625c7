"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { ConfirmDialog, LINK_BUTTON } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import { useActionWithToast } from "@/components/ui/toaster";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";
import { deleteConnectionAction, importEndpointsAction, saveConnectionAction, saveKubernetesAction, testConnectionAction } from "./actions";

export function ConnectionForm({ namespace }: { namespace: string | null }) {
  const [state, action] = useActionState(saveConnectionAction, initialActionState);
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate>
      <TextField
        name="token"
        label="Access token"
        type="password"
        autoComplete="off"
        placeholder="hf_…"
        hint="A Hugging Face token with write access to Inference Endpoints. Stored encrypted; never shown again."
        errors={state.fieldErrors?.token}
      />
      <TextField
        name="namespace"
        label="Namespace"
        defaultValue={state.values?.namespace ?? namespace ?? ""}
        hint="The user or organization that owns the endpoints."
        errors={state.fieldErrors?.namespace}
      />
      <div className="space-y-3 sm:col-span-2">
        <FormMessage state={state} />
        <SubmitButton pendingLabel="Saving…">Save connection</SubmitButton>
      </div>
    </form>
  );
}

export function KubernetesForm({ server, namespace }: { server: string | null; namespace: string | null }) {
  const [state, action] = useActionState(saveKubernetesAction, initialActionState);
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate>
      <TextField
        name="server"
        label="API server"
        defaultValue={state.values?.server ?? server ?? ""}
        placeholder="https://k8s.example.com:6443"
        hint="The cluster's API server, as in your kubeconfig."
        errors={state.fieldErrors?.server}
      />
      <TextField
        name="namespace"
        label="Namespace"
        defaultValue={state.values?.namespace ?? namespace ?? ""}
        placeholder="inference"
        hint="Where Ebb makes a Deployment and a Service per endpoint."
        errors={state.fieldErrors?.namespace}
      />
      <TextField
        name="token"
        label="Service account token"
        type="password"
        autoComplete="off"
        hint="kubectl create token NAME -n NAMESPACE, for an account that may manage Deployments and Services there. Stored encrypted; never shown again."
        errors={state.fieldErrors?.token}
      />
      <TextField
        name="caData"
        label="CA certificate (optional)"
        defaultValue={state.values?.caData ?? ""}
        hint="certificate-authority-data from your kubeconfig, when the cluster's CA is not a public one."
        errors={state.fieldErrors?.caData}
      />
      <div className="space-y-3 sm:col-span-2">
        <FormMessage state={state} />
        <SubmitButton pendingLabel="Checking the cluster…">Connect cluster</SubmitButton>
      </div>
    </form>
  );
}

/** A button that runs a server action and shows its result (or the provider's words) under it. */
function ActionWithResult({ run, label, pendingLabel }: { run: (prev: ActionState, formData: FormData) => Promise<ActionState>; label: string; pendingLabel: string }) {
  const [state, action] = useActionState(run, initialActionState);
  return (
    <form action={action} className="space-y-2">
      <SubmitButton variant="secondary" pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function TestConnection() {
  return <ActionWithResult run={testConnectionAction} label="Test connection" pendingLabel="Testing…" />;
}

export function RemoveConnection() {
  const [state, action] = useActionWithToast(deleteConnectionAction, initialActionState, "Removed the Hugging Face connection.");
  return (
    <>
      <ConfirmDialog label="Remove connection" triggerClassName={LINK_BUTTON} title="Remove the Hugging Face connection?" formAction={action} state={state} fields={null}>
        Its token is deleted. Hugging Face endpoints stay on Hugging Face, but Ebb can no longer change or observe them until you connect again.
      </ConfirmDialog>
      {state.status === "error" ? <span role="alert" className="ml-2 text-xs text-red-600">{state.message}</span> : null}
    </>
  );
}

/** Brings the namespace's existing endpoints into Ebb. */
export function ImportEndpoints() {
  return <ActionWithResult run={importEndpointsAction} label="Import existing endpoints" pendingLabel="Importing…" />;
}
