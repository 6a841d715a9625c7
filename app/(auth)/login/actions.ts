"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { describeWait } from "@/lib/domain/login-throttle";
import { formValues, type ActionState } from "@/lib/forms/action-state";

// The same words for an unknown email and a wrong password: the form must not reveal who has an account.
const INVALID_CREDENTIALS_MESSAGE = "Incorrect email or password.";

export async function login(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData, ["password"]);
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  const fieldErrors: Record<string, string[]> = {};
  if (!email) fieldErrors.email = ["Enter your email address."];
  if (!password) fieldErrors.password = ["Enter your password."];
  if (Object.keys(fieldErrors).length > 0) return { status: "error", fieldErrors, values };

  try {
    await signIn("credentials", { email, password, redirectTo: safeRedirectPath(formData.get("redirectTo")) });
    return { status: "success" };
  } catch (error) {
    // signIn redirects by throwing; only Auth.js's own errors are answers for the form.
    if (!(error instanceof AuthError)) throw error;
    const code = error instanceof CredentialsSignin ? error.code : "";
    const rateLimited = /^rate_limited:(\d+)$/.exec(code);
    if (rateLimited) {
      const wait = describeWait(Number(rateLimited[1]));
      return { status: "error", message: `Too many failed sign-in attempts. Try again in ${wait}.`, values };
    }
    return { status: "error", message: INVALID_CREDENTIALS_MESSAGE, values };
  }
}
