"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";
import { settingsTabs } from "@/lib/domain/settings-tabs";
import type { Role } from "@/lib/domain/roles";

/** The settings pages this role may open, and only those. */
export function SettingsTabs({ role }: { role: Role }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="-mb-px flex flex-wrap gap-x-6 gap-y-2 text-sm font-medium">
      {settingsTabs(role).map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={pathname === tab.href ? "page" : undefined}
          className={cn("border-b-2 pb-2", pathname === tab.href ? "border-brand-600 text-slate-900" : "border-transparent text-slate-500 hover:text-slate-800")}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
