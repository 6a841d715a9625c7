import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCaller } from "@/lib/auth";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { countUsers } from "@/lib/services/accounts";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ redirectTo?: string }> }) {
  const { redirectTo } = await searchParams;
  const target = safeRedirectPath(redirectTo);
  if (await getCaller()) redirect(target);
  // First run: nobody to sign in yet, so start with creating the first account.
  if ((await countUsers()) === 0) redirect("/signup");
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold">Sign in to Ebb</h1>
      <LoginForm redirectTo={target} />
    </>
  );
}
