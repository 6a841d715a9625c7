"use client";

import { usePathname } from "next/navigation";
import { useId, useState, type ReactNode } from "react";
import { NavLinks } from "./nav-links";

/** Below the md breakpoint the navigation and the account folding into one menu, so the header fits a phone. */
export function MobileMenu({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  // Open on the page it was opened on: a link followed closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const id = useId();
  return (
    <div className="md:hidden">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpenOn(open ? null : pathname)}
        className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
      >
        Menu
      </button>
      {/* Rendered only when open: closed, nothing of it is on the page twice. */}
      {open ? (
        <div id={id} className="absolute inset-x-0 top-14 z-20 space-y-3 border-b border-slate-200 bg-white px-4 py-3 shadow-sm">
          <NavLinks vertical />
          <div className="border-t border-slate-100 pt-3">{children}</div>
        </div>
      ) : null}
    </div>
  );
}
