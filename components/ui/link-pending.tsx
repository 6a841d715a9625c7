"use client";

import { useLinkStatus } from "next/link";

/**
 * Inside a <Link>: a small spinner while the page it leads to is loading, so a slow navigation
 * answers the click at once. (Console pages render whole rather than stream a skeleton, which
 * would turn their 403 and 404 answers into 200s.)
 */
export function LinkPending() {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden
      data-pending={pending || undefined}
      className={`ml-1.5 inline-block size-3 rounded-full border-2 border-current border-r-transparent align-[-1px] ${pending ? "animate-spin opacity-60" : "hidden"}`}
    />
  );
}
