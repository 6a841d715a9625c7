"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { buttonClass } from "./button-class";
import { SubmitButton } from "./submit-button";

/**
 * The one confirmation of the console for actions that stop or remove something: a button that opens
 * a modal dialog saying what will happen, with Cancel and the action itself. The dialog holds the
 * form, so the action runs only from there; it closes on each successful answer of the action.
 */
export function ConfirmDialog({
  label,
  title,
  children,
  confirmLabel = label,
  pendingLabel,
  formAction,
  fields,
  state,
  triggerClassName,
  triggerLabel,
  variant = "danger",
}: {
  /** The button that opens the dialog. */
  label: string;
  title: string;
  /** What the action will do, in the dialog. */
  children: ReactNode;
  confirmLabel?: string;
  pendingLabel?: string;
  formAction: (formData: FormData) => void;
  /** Hidden inputs and any fields the action needs. */
  fields: ReactNode;
  /** The action's state: a new successful one closes the dialog. */
  state: { status: string };
  triggerClassName?: string;
  /** An accessible name for the trigger when its text alone is ambiguous ("Remove" in a table). */
  triggerLabel?: string;
  variant?: "danger" | "secondary";
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (state.status === "success") dialog.current?.close();
  }, [state]);
  return (
    <>
      <button type="button" aria-label={triggerLabel} aria-haspopup="dialog" onClick={() => dialog.current?.showModal()} className={triggerClassName ?? buttonClass("secondary")}>
        {label}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form action={formAction} className="space-y-4 p-5">
          {fields}
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <div className="text-sm text-slate-600">{children}</div>
          <div className="flex justify-end gap-2">
            <button type="button" onClick={() => dialog.current?.close()} className={buttonClass("secondary")}>
              Cancel
            </button>
            <SubmitButton variant={variant === "danger" ? "danger" : "primary"} pendingLabel={pendingLabel}>
              {confirmLabel}
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}

/** A trigger that reads as a red link in a table row. */
export const LINK_BUTTON = "text-sm font-medium text-red-600 hover:text-red-700";
