"use client";

import { lifecycleAction } from "./actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SubmitButton } from "@/components/ui/submit-button";
import { showToast } from "@/components/ui/toaster";
import { useEndpointAction } from "@/components/endpoints/use-endpoint-action";

const LABELS = { pause: "Pause", resume: "Resume", scaleToZero: "Scale to zero" } as const;

/** Actions that stop replicas are confirmed first, saying what the users of the endpoint will see. */
const CONFIRMS: Partial<Record<keyof typeof LABELS, { title: (name: string) => string; body: string }>> = {
  pause: {
    title: (name) => `Pause ${name}?`,
    body: "Its replicas stop and its URL refuses requests until you resume it. Only storage is billed meanwhile.",
  },
  scaleToZero: {
    title: (name) => `Scale ${name} to zero?`,
    body: "Its replicas stop now. The next request wakes it and waits for a cold start.",
  },
};

const DONE: Record<keyof typeof LABELS, (name: string) => string> = {
  pause: (name) => `Paused ${name}.`,
  resume: (name) => `Resumed ${name}: its replicas are starting.`,
  scaleToZero: (name) => `Scaled ${name} to zero; the next request wakes it.`,
};

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
  const [state, formAction] = useEndpointAction(lifecycleAction, () => showToast(DONE[action](endpoint)));
  const label = LABELS[action];
  const confirm = CONFIRMS[action];
  const fields = (
    <>
      <input type="hidden" name="endpoint" value={endpoint} />
      <input type="hidden" name="action" value={action} />
    </>
  );
  if (confirm && availability.enabled) {
    return (
      <div className="inline-flex flex-col">
        <ConfirmDialog label={label} title={confirm.title(endpoint)} formAction={formAction} fields={fields} state={state} pendingLabel={`${label}…`}>
          {confirm.body}
          {state.status === "error" ? (
            <span role="alert" className="mt-2 block text-red-600">
              {state.message}
            </span>
          ) : null}
        </ConfirmDialog>
      </div>
    );
  }
  return (
    <form action={formAction} className="inline-flex flex-col">
      {fields}
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
