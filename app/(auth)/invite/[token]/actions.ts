"use server";

import { headers } from "next/headers";
import { signIn } from "@/lib/auth";
import { clientIpFrom } from "@/lib/http/client-ip";
import { errorState, formValues, type ActionState } from "@/lib/forms/action-state";
import { acceptInvitation } from "@/lib/services/invitations";

export async function acceptInvitationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ["password", "token"]);
  const password = formData.get("password");
  let email: string;
  try {
    ({ email } = await acceptInvitation({
      token: String(formData.get("token") ?? ""),
      input: { name: formData.get("name"), password },
      ip: clientIpFrom(await headers()),
    }));
  } catch (error) {
    return errorState(error, values);
  }
  // Outside the try: signIn redirects by throwing.
  await signIn("credentials", { email, password, redirectTo: "/" });
  return { status: "success" };
}
