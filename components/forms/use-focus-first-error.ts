"use client";

import { useEffect, type RefObject } from "react";

/** Moves focus to the form's first field in error each time `trigger` changes (a refused submit, an answer with errors). */
export function useFocusFirstError(form: RefObject<HTMLFormElement | null>, trigger: unknown) {
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, trigger]);
}
