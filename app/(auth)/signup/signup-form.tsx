"use client";

import Link from "next/link";
import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { PASSWORD_MIN_LENGTH } from "@/lib/domain/account";
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
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        errors={errors.password}
      />
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
      {firstRun ? null : (
        <p className="text-center text-sm text-slate-600">
          Already have an account?{" "}
          <Link href="/login" className="font-medium text-brand-600 hover:text-brand-700">
            Sign in
          </Link>
        </p>
      )}
    </form>
  );
}
