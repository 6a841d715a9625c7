import type { ActionState } from "@/lib/forms/action-state";
import { cn } from "@/lib/cn";

/** The form-level outcome, announced when it changes. */
export function FormMessage({ state }: { state: ActionState }) {
  const show = state.status !== "idle" && state.message;
  return (
    <div role={state.status === "error" ? "alert" : "status"} aria-live="polite">
      {show ? (
        <p
          className={cn(
            "rounded-md px-3 py-2 text-sm",
            state.status === "error" ? "bg-red-50 text-red-700 ring-1 ring-red-200" : "bg-emerald-50 text-emerald-700 ring-1 ring-emerald-200",
          )}
        >
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
