"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { buttonClass } from "@/components/ui/button-class";
import { inputClass, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { showToast } from "@/components/ui/toaster";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";
import { deleteEndpointAction } from "../actions";

export function DeleteCard({ name }: { name: string }) {
  const router = useRouter();
  const [state, action] = useActionState(async (prev: ActionState, formData: FormData) => {
    const next = await deleteEndpointAction(prev, formData);
    // Said and navigated as the answer arrives, before anything on this page can react to the endpoint's absence.
    if (next.status === "success") {
      showToast(next.message ?? `Deleted ${name}.`);
      router.replace("/endpoints");
    }
    return next;
  }, initialActionState);
  const [typed, setTyped] = useState("");
  return (
    <section aria-labelledby="delete-heading" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-red-200">
      <h2 id="delete-heading" className="text-base font-semibold text-red-700">
        Delete endpoint
      </h2>
      <p className="mb-3 mt-1 text-sm text-slate-600">Stops its replicas; its URL answers 404. Its cost history stays.</p>
      <ConfirmDialog
        label="Delete"
        title={`Delete ${name}?`}
        pendingLabel="Deleting…"
        formAction={action}
        state={state}
        triggerClassName={buttonClass("danger")}
        fields={<input type="hidden" name="endpoint" value={name} />}
      >
        <p>Its replicas stop and its URL answers 404 from now on. This cannot be undone; its cost history stays.</p>
        <div className="mt-3">
          <TextField
            name="confirmName"
            label={`Type ${name} to confirm`}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            className={inputClass}
            errors={state.fieldErrors?.confirmName}
          />
        </div>
        {state.status === "error" && !state.fieldErrors ? <FormMessage state={state} /> : null}
      </ConfirmDialog>
    </section>
  );
}
