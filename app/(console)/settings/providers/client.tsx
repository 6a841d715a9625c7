"use client";

import { useActionState, useState } from "react";
import { Field, TextField, inputClass } from "@/components/ui/field";
import { cn } from "@/lib/cn";
import { ConfirmDialog, LINK_BUTTON } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import { useActionWithToast } from "@/components/ui/toaster";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";
import { deleteConnectionAction, deleteKubernetesAction, importEndpointsAction, saveConnectionAction, saveKubernetesAction, testConnectionAction } from "./actions";

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

type ClusterSource = "token" | "kubeconfig" | "in-cluster";

/** The ways to connect a cluster; the cluster Ebb runs in only where the operator offers it. */
function clusterSources(inClusterNamespace: string | null): { value: ClusterSource; label: string }[] {
  return [
    { value: "token", label: "Server URL and token" },
    { value: "kubeconfig", label: "A kubeconfig" },
    ...(inClusterNamespace ? [{ value: "in-cluster" as const, label: "The cluster Ebb runs in" }] : []),
  ];
}

export function KubernetesForm({ server, namespace, inClusterNamespace }: { server: string | null; namespace: string | null; inClusterNamespace: string | null }) {
  const [state, action] = useActionState(saveKubernetesAction, initialActionState);
  const [source, setSource] = useState<ClusterSource>((state.values?.source as ClusterSource | undefined) ?? "token");
  const errors = state.fieldErrors;
  return (
    <div className="space-y-4">
      {/* Outside the form: a form action resets the form's inputs, and this choice must outlive a refused attempt. */}
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Connect with</legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          {clusterSources(inClusterNamespace).map((option) => (
            <label key={option.value} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="radio" name="cluster-source" value={option.value} checked={source === option.value} onChange={() => setSource(option.value)} className="accent-brand-600" />
              {option.label}
            </label>
          ))}
        </div>
        {errors?.source?.map((error) => (
          <p key={error} role="alert" className="mt-2 text-sm text-red-600">
            {error}
          </p>
        ))}
      </fieldset>
      <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate>
        <input type="hidden" name="source" value={source} />
        {source === "token" ? (
          <>
            <TextField
              name="server"
              label="API server"
              defaultValue={state.values?.server ?? server ?? ""}
              placeholder="https://k8s.example.com:6443"
              hint="The cluster's API server, as in your kubeconfig."
              errors={errors?.server}
            />
            <NamespaceField defaultValue={state.values?.namespace ?? namespace ?? ""} errors={errors?.namespace} />
            <TextField
              name="token"
              label="Service account token"
              type="password"
              autoComplete="off"
              hint="kubectl create token NAME -n NAMESPACE, for an account that may manage Deployments and Services there. Stored encrypted; never shown again."
              errors={errors?.token}
            />
            <TextField
              name="caData"
              label="CA certificate (optional)"
              defaultValue={state.values?.caData ?? ""}
              hint="certificate-authority-data from your kubeconfig, when the cluster's CA is not a public one."
              errors={errors?.caData}
            />
          </>
        ) : null}
        {source === "kubeconfig" ? (
          <>
            <div className="sm:col-span-2">
              <Field
                name="kubeconfig"
                label="kubeconfig"
                hint="The output of kubectl config view --minify --flatten --raw, for a service account token (kubectl create token). Its current context is used; the token is stored encrypted and never shown again."
                errors={errors?.kubeconfig}
              >
                {(aria) => <textarea name="kubeconfig" rows={8} spellCheck={false} autoComplete="off" {...aria} className={cn(inputClass, "font-mono text-xs")} />}
              </Field>
            </div>
            <NamespaceField defaultValue={state.values?.namespace ?? ""} errors={errors?.namespace} hint="Leave empty to use the context's namespace." />
          </>
        ) : null}
        {source === "in-cluster" ? (
          <p className="text-sm text-slate-600 sm:col-span-2">
            Endpoints run in the <strong>{inClusterNamespace}</strong> namespace of the cluster this Ebb runs in, with Ebb&apos;s own service account, and requests go straight to their pods.
          </p>
        ) : null}
        <div className="space-y-3 sm:col-span-2">
          <FormMessage state={state} />
          <SubmitButton pendingLabel="Checking the cluster…">Connect cluster</SubmitButton>
        </div>
      </form>
    </div>
  );
}

function NamespaceField({ defaultValue, errors, hint = "Where Ebb makes a Deployment and a Service per endpoint." }: { defaultValue: string; errors?: string[]; hint?: string }) {
  return <TextField name="namespace" label="Namespace" defaultValue={defaultValue} placeholder="inference" hint={hint} errors={errors} />;
}

export function DisconnectCluster() {
  const [state, action] = useActionWithToast(deleteKubernetesAction, initialActionState, "Disconnected the cluster.");
  return (
    <>
      <ConfirmDialog label="Disconnect cluster" triggerClassName={LINK_BUTTON} title="Disconnect the Kubernetes cluster?" formAction={action} state={state} fields={null}>
        Ebb forgets the cluster and its token. Only possible once no endpoint runs there.
      </ConfirmDialog>
      {state.status === "error" ? <span role="alert" className="ml-2 text-xs text-red-600">{state.message}</span> : null}
    </>
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
