import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "@/components/brand/logo";
import { BudgetBanner } from "@/components/layout/budget-banner";
import { NavLinks } from "@/components/layout/nav-links";
import { requireCaller } from "@/lib/auth";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { getBudgetStatus } from "@/lib/services/budgets";
import { logout } from "./actions";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const caller = await requireCaller();
  const budgets = await getBudgetStatus({ caller });
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-4 sm:px-6">
          <Link href="/" className="flex items-center gap-2">
            <Logo />
            <span className="text-lg font-semibold tracking-tight">Ebb</span>
          </Link>
          <span className="text-slate-300" aria-hidden="true">
            /
          </span>
          <span className="text-sm font-medium text-slate-800" data-testid="organization-name">
            {caller.organizationName}
          </span>
          <NavLinks />
          <div className="ml-auto flex items-center gap-3">
            <span className="hidden text-right text-xs leading-tight text-slate-500 sm:block">
              <span className="block font-medium text-slate-700">{caller.name}</span>
              {caller.email} · {ROLE_LABELS[caller.role]}
            </span>
            <form action={logout}>
              <button type="submit" className="rounded-md px-2.5 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <BudgetBanner status={budgets} />
      <main className="mx-auto max-w-7xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
