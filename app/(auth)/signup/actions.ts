"use server";

import { signIn } from "@/lib/auth";
import { errorState, formValues, type ActionState } from "@/lib/forms/action-state";
import { signUp } from "@/lib/services/accounts";

export async function signup(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ["password"]);
  const input = Object.fromEntries(formData.entries());
  try {
    await signUp(input);
  } catch (error) {
    return errorState(error, values);
  }
  // Outside the try: signIn redirects by throwing.
  await signIn("credentials", { email: input.email, password: input.password, redirectTo: "/" });
  return { status: "success" };
}
