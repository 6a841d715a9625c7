import type { Metadata } from "next";
import { SignInLink } from "@/components/auth/sign-in-link";
import { redirect } from "next/navigation";
import { getCaller } from "@/lib/auth";
import { countUsers, SIGNUP_BY_INVITATION_MESSAGE, signUpOpen } from "@/lib/services/accounts";
import { SignupForm } from "./signup-form";

export const metadata: Metadata = { title: "Create account" };

export default async function SignupPage() {
  if (await getCaller()) redirect("/");
  const firstRun = (await countUsers()) === 0;
  if (!(await signUpOpen())) {
    return (
      <>
        <h1 className="text-xl font-semibold">Sign-up is by invitation</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600">{SIGNUP_BY_INVITATION_MESSAGE}</p>
        <SignInLink />
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold">{firstRun ? "Welcome to Ebb" : "Create your account"}</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">
        {firstRun
          ? "Create the first account. It owns a new organization."
          : "You will own a new organization. To join an existing one, ask its admin to invite you."}
      </p>
      <SignupForm firstRun={firstRun} />
    </>
  );
}
