"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { SignInLink } from "@/components/auth/sign-in-link";
import { initialActionState } from "@/lib/forms/action-state";
import { signup } from "./actions";

export function SignupForm({ firstRun }: { firstRun: boolean }) {
  const [state, action] = useActionState(signup, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-5" noValidate>
      <TextField name="name" label="Your name" autoComplete="name" required defaultValue={state.values?.name} errors={errors.name} />
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        errors={errors.email}
      />
      <NewPasswordField errors={errors.password} />
      <TextField
        name="organization"
        label="Organization"
        autoComplete="organization"
        required
        defaultValue={state.values?.organization}
        hint="Your team's name. Endpoint URLs use it as their namespace."
        errors={errors.organization}
      />
      <FormMessage state={state} />
      <SubmitButton className="w-full" pendingLabel="Creating account…">
        Create account
      </SubmitButton>
      {firstRun ? null : <SignInLink />}
    </form>
  );
}
