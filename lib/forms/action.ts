import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireCaller } from "@/lib/auth";
import type { Caller } from "@/lib/services/caller";
import { errorState, formValues, type ActionState } from "./action-state";

/** What a successful action did: a message (and a result) for the form, pages to refresh, or where to go. */
export interface ActionOutcome {
  message?: string;
  result?: Record<string, string>;
  /** Paths whose cached pages are now stale; ["/", "layout"] refreshes every page under the layout. */
  revalidate?: Array<string | [string, "layout" | "page"]>;
  redirectTo?: string;
}

/**
 * A form's server action. Server actions can be POSTed to by anyone, so this signs in the caller (or
 * redirects to sign-in) before `run`; the services then check the organization and role. A service's
 * error becomes the form's state with what was typed (less `omit`: never passwords or tokens); success
 * refreshes the pages named and answers with the message, or redirects.
 */
export function formAction(
  run: (caller: Caller, formData: FormData) => Promise<ActionOutcome>,
  { omit = [], onError }: { omit?: string[]; onError?: (error: unknown, formData: FormData) => ActionState | undefined } = {},
) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const caller = await requireCaller();
    let outcome: ActionOutcome;
    try {
      outcome = await run(caller, formData);
    } catch (error) {
      return onError?.(error, formData) ?? errorState(error, formValues(formData, omit));
    }
    // Outside the try: redirect works by throwing.
    for (const entry of outcome.revalidate ?? []) {
      if (typeof entry === "string") revalidatePath(entry);
      else revalidatePath(entry[0], entry[1]);
    }
    if (outcome.redirectTo) redirect(outcome.redirectTo);
    return { status: "success", message: outcome.message, ...(outcome.result ? { result: outcome.result } : {}) };
  };
}
