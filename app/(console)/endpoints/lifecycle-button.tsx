"use client";

import { lifecycleAction } from "./actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { useEndpointAction } from "@/components/endpoints/use-endpoint-action";

const LABELS = { pause: "Pause", resume: "Resume", scaleToZero: "Scale to zero" } as const;

/** One lifecycle button; disabled with its reason shown when it makes no sense now. */
export function LifecycleButton({
  endpoint,
  action,
  availability,
  showReason = true,
}: {
  endpoint: string;
  action: keyof typeof LABELS;
  availability: { enabled: boolean; reason?: string };
  /** Under the button; tables keep it in the tooltip only. */
  showReason?: boolean;
}) {
  const [state, formAction] = useEndpointAction(lifecycleAction);
  const label = LABELS[action];
  return (
    <form action={formAction} className="inline-flex flex-col">
      <input type="hidden" name="endpoint" value={endpoint} />
      <input type="hidden" name="action" value={action} />
      {availability.enabled ? (
        <SubmitButton variant="secondary" pendingLabel={`${label}…`}>
          {label}
        </SubmitButton>
      ) : (
        <>
          <button
            type="button"
            disabled
            aria-disabled
            title={availability.reason}
            aria-describedby={`${action}-${endpoint}-reason`}
            className="inline-flex cursor-not-allowed items-center justify-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-400 ring-1 ring-slate-200 ring-inset"
          >
            {label}
          </button>
          {showReason ? (
            <span id={`${action}-${endpoint}-reason`} className="mt-1 max-w-48 text-xs text-slate-500">
              {availability.reason}
            </span>
          ) : null}
        </>
      )}
      {state.status === "error" ? (
        <span role="alert" className="mt-1 text-xs text-red-600">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
