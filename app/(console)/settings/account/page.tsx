import type { Metadata } from "next";
import { requireCaller } from "@/lib/auth";
import { ChangePasswordForm } from "./client";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const caller = await requireCaller();
  return (
    <section aria-labelledby="password-heading" className="max-w-xl rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="password-heading" className="text-base font-semibold">
        Change password
      </h2>
      <p className="mb-4 mt-1 text-sm text-slate-600">
        For {caller.email}. Every other browser signed in as you is signed out; this one stays signed in.
      </p>
      <ChangePasswordForm />
    </section>
  );
}
