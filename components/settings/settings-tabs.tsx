"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

const TABS = [
  { href: "/settings/members", label: "Members" },
  { href: "/settings/api-tokens", label: "API tokens" },
  { href: "/settings/providers", label: "Providers" },
  { href: "/settings/account", label: "Account" },
];

export function SettingsTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="-mb-px flex gap-6 text-sm font-medium">
      {TABS.map((tab) => (
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
