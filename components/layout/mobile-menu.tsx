"use client";

import { useId, useState, type ReactNode } from "react";
import { NavLinks } from "./nav-links";

/** Below the md breakpoint the navigation and the account folding into one menu, so the header fits a phone. */
export function MobileMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="md:hidden">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
        className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
      >
        Menu
      </button>
      {/* Rendered only when open: closed, nothing of it is on the page twice. */}
      {open ? (
        // A link followed closes it at once, whatever the navigation then does (a redirect, a slow page).
        <div id={id} onClick={(event) => (event.target as Element).closest("a") && setOpen(false)} className="absolute inset-x-0 top-14 z-20 space-y-3 border-b border-slate-200 bg-white px-4 py-3 shadow-sm">
          <NavLinks vertical />
          <div className="border-t border-slate-100 pt-3">{children}</div>
        </div>
      ) : null}
    </div>
  );
}
