"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { ConfirmDialog, LINK_BUTTON } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";
import { useActionWithToast } from "@/components/ui/toaster";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState } from "@/lib/forms/action-state";
import { createTokenAction, revokeTokenAction } from "./actions";

export function CreateTokenForm() {
  const [state, action] = useActionState(createTokenAction, initialActionState);
  return (
    <section aria-labelledby="new-token-heading" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="new-token-heading" className="text-base font-semibold">
        Create a token
      </h2>
      <p className="mb-4 mt-1 text-sm text-slate-600">For the REST API and the CLI (`ebb login --url … --token …`). It acts with your role.</p>
      <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
        <div className="w-72">
          <TextField name="name" label="Token name" placeholder="ci, laptop…" errors={state.fieldErrors?.name} />
        </div>
        <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
      </form>
      <div className="mt-4 space-y-2">
        <FormMessage state={state} />
        {state.result?.token ? (
          <code data-testid="new-token" className="block break-all rounded bg-slate-900 px-3 py-2 text-sm text-emerald-300">
            {state.result.token}
          </code>
        ) : null}
      </div>
    </section>
  );
}

export function RevokeButton({ id, name }: { id: string; name: string }) {
  const [state, action] = useActionWithToast(revokeTokenAction, initialActionState, `Revoked ${name}.`);
  return (
    <>
      <ConfirmDialog
        label="Revoke"
        triggerLabel={`Revoke ${name}`}
        triggerClassName={LINK_BUTTON}
        title={`Revoke ${name}?`}
        formAction={action}
        state={state}
        fields={<input type="hidden" name="id" value={id} />}
      >
        Scripts and CLIs that use it get 401 from now on.
      </ConfirmDialog>
      {state.status === "error" ? <span role="alert" className="ml-2 text-xs text-red-600">{state.message}</span> : null}
    </>
  );
}
