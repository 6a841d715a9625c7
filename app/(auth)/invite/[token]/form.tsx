"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { initialActionState } from "@/lib/forms/action-state";
import { acceptInvitationAction } from "./actions";

export function AcceptInvitationForm({ token }: { token: string }) {
  const [state, action] = useActionState(acceptInvitationAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="token" value={token} />
      <TextField name="name" label="Your name" autoComplete="name" required defaultValue={state.values?.name} errors={errors.name} />
      <NewPasswordField errors={errors.password} />
      {errors.token ? (
        <p role="alert" className="text-sm text-red-600">
          {errors.token[0]}
        </p>
      ) : null}
      <FormMessage state={state} />
      <SubmitButton className="w-full" pendingLabel="Joining…">
        Join
      </SubmitButton>
    </form>
  );
}
