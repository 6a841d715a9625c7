"use client";

import { useActionState, useEffect, useState } from "react";
import type { ActionState } from "@/lib/forms/action-state";

const TOAST_EVENT = "ebb:toast";
/** Long enough to read a sentence, short enough not to cover the next one. */
const TOAST_MS = 6000;

/** Says what just happened, in the corner, from any component (a confirmed action, a deletion). */
export function showToast(message: string): void {
  window.dispatchEvent(new CustomEvent<string>(TOAST_EVENT, { detail: message }));
}

/** Where toasts appear; it lives in the console's layout, so a toast outlives the page that raised it. */
export function Toaster() {
  const [toasts, setToasts] = useState<Array<{ id: number; message: string }>>([]);
  useEffect(() => {
    let next = 0;
    const onToast = (event: Event) => {
      const id = next++;
      setToasts((list) => [...list, { id, message: (event as CustomEvent<string>).detail }]);
      setTimeout(() => setToasts((list) => list.filter((t) => t.id !== id)), TOAST_MS);
    };
    window.addEventListener(TOAST_EVENT, onToast);
    return () => window.removeEventListener(TOAST_EVENT, onToast);
  }, []);
  return (
    <div aria-live="polite" className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex flex-col items-end gap-2" data-testid="toasts">
      {toasts.map((t) => (
        <p key={t.id} role="status" className="pointer-events-auto max-w-sm rounded-lg bg-slate-900 px-4 py-3 text-sm text-white shadow-lg">
          {t.message}
        </p>
      ))}
    </div>
  );
}

/**
 * useActionState whose successful answers also raise a toast saying `message`. Raised when the answer
 * arrives, so it shows even when the answer removes the row that asked (a revoked token, a removed member).
 */
export function useActionWithToast(action: (prev: ActionState, formData: FormData) => Promise<ActionState>, initial: ActionState, message: string) {
  return useActionState(async (prev: ActionState, formData: FormData) => {
    const next = await action(prev, formData);
    if (next.status === "success") showToast(message);
    return next;
  }, initial);
}
