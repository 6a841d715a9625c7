import { AppError, ValidationError, type FieldErrors } from "@/lib/errors";

/** What a form's server action returns: never thrown at the form, always rendered by it. */
export interface ActionState {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: FieldErrors;
  /** What the person typed, so a failed submit does not clear the form. Never holds passwords. */
  values?: Record<string, string>;
  /** What a successful action made that the page shows once (an invitation link). */
  result?: Record<string, string>;
}

export const initialActionState: ActionState = { status: "idle" };

export function formValues(formData: FormData, omit: string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !omit.includes(key) && !key.startsWith("$")) values[key] = value;
  }
  return values;
}

/** Turns a service error into form state; anything unexpected is rethrown to the error boundary. */
export function errorState(error: unknown, values?: Record<string, string>): ActionState {
  if (error instanceof ValidationError) {
    // The details sit next to each field; the form-level line only points there.
    return { status: "error", message: "Check the fields marked below.", fieldErrors: error.fieldErrors, values };
  }
  if (error instanceof AppError) return { status: "error", message: error.message, values };
  throw error;
}
