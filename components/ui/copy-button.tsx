"use client";

import { useState } from "react";
import { buttonClass } from "./button-class";

/** Copies `text` and says so until the next click elsewhere. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={buttonClass("secondary")}
      aria-label={label === "Copy" ? undefined : label}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true));
      }}
      onBlur={() => setCopied(false)}
    >
      {copied ? "Copied" : "Copy"}
    </button>
  );
}
