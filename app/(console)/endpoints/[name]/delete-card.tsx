"use client";

import { useActionState, useState } from "react";
import { inputClass, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState } from "@/lib/forms/action-state";
import { deleteEndpointAction } from "../actions";

export function DeleteCard({ name }: { name: string }) {
  const [state, action] = useActionState(deleteEndpointAction, initialActionState);
  const [typed, setTyped] = useState("");
  return (
    <section aria-labelledby="delete-heading" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-red-200">
      <h2 id="delete-heading" className="text-base font-semibold text-red-700">
        Delete endpoint
      </h2>
      <p className="mt-1 text-sm text-slate-600">Stops its replicas; its URL answers 404. Its cost history stays.</p>
      <form action={action} className="mt-3 flex flex-wrap items-end gap-3" noValidate>
        <input type="hidden" name="endpoint" value={name} />
        <div className="w-64">
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
        <SubmitButton variant="danger" pendingLabel="Deleting…">
          Delete
        </SubmitButton>
      </form>
      <FormMessage state={state.fieldErrors ? initialActionState : state} />
    </section>
  );
}
