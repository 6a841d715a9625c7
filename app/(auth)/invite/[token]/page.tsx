import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCaller } from "@/lib/auth";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { findInvitation } from "@/lib/services/invitations";
import { AcceptInvitationForm } from "./form";

export const metadata: Metadata = { title: "Join an organization" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  if (await getCaller()) redirect("/");
  const { token } = await params;
  const invitation = await findInvitation({ token });
  if (!invitation) {
    return (
      <>
        <h1 className="text-xl font-semibold">This link does not work</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600">It was used, revoked or has expired. Ask whoever invited you for a new one.</p>
        <Link href="/login" className="text-sm font-medium text-brand-600 hover:text-brand-700">
          Sign in
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold">Join {invitation.organization}</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">
        You are invited as {ROLE_LABELS[invitation.role].toLowerCase()} with <strong>{invitation.email}</strong>. Choose your name and
        password: nobody else will know it.
      </p>
      <AcceptInvitationForm token={token} />
    </>
  );
}
