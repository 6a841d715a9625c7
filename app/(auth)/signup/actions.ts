"use server";

import { headers } from "next/headers";
import { signIn } from "@/lib/auth";
import { clientIpFrom } from "@/lib/http/client-ip";
import { errorState, formValues, type ActionState } from "@/lib/forms/action-state";
import { signUp } from "@/lib/services/accounts";

export async function signup(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ["password"]);
  const input = { name: formData.get("name"), email: formData.get("email"), password: formData.get("password"), organization: formData.get("organization") };
  let email: string;
  try {
    ({ user: { email } } = await signUp(input, { ip: clientIpFrom(await headers()) }));
  } catch (error) {
    return errorState(error, values);
  }
  // Outside the try: signIn redirects by throwing.
  await signIn("credentials", { email, password: input.password, redirectTo: "/" });
  return { status: "success" };
}
