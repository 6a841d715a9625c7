"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { cn } from "@/lib/cn";
import { buttonClass } from "./button-class";

/** Disables itself while its form submits and says so to screen readers. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
  className,
}: {
  children: ReactNode;
  pendingLabel?: string;
  variant?: "primary" | "danger" | "secondary";
  className?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={cn(buttonClass(variant), className)}
    >
      {pending ? (pendingLabel ?? children) : children}
      <span aria-live="polite" className="sr-only">
        {pending ? "Submitting" : ""}
      </span>
    </button>
  );
}
