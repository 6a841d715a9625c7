import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "@/components/brand/logo";
import { BudgetBanner } from "@/components/layout/budget-banner";
import { MobileMenu } from "@/components/layout/mobile-menu";
import { NavLinks } from "@/components/layout/nav-links";
import { Toaster } from "@/components/ui/toaster";
import { requireCaller } from "@/lib/auth";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { getBudgetStatus } from "@/lib/services/budgets";
import { logout } from "./actions";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const caller = await requireCaller();
  const budgets = await getBudgetStatus({ caller });
  const signOut = (
    <form action={logout}>
      <button type="submit" className="rounded-md px-2.5 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900">
        Sign out
      </button>
    </form>
  );
  return (
    <div className="min-h-screen">
      <header className="relative border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4 sm:px-6 md:gap-6">
          <Link href="/" className="flex shrink-0 items-center gap-2">
            <Logo />
            <span className="text-lg font-semibold tracking-tight">Ebb</span>
          </Link>
          <span className="text-slate-300" aria-hidden="true">
            /
          </span>
          <span className="min-w-0 truncate text-sm font-medium text-slate-800" data-testid="organization-name">
            {caller.organizationName}
          </span>
          <NavLinks />
          <div className="ml-auto hidden items-center gap-3 md:flex">
            <span className="hidden text-right text-xs leading-tight text-slate-500 lg:block">
              <span className="block font-medium text-slate-700">{caller.name}</span>
              {caller.email} · {ROLE_LABELS[caller.role]}
            </span>
            {signOut}
          </div>
          <div className="ml-auto md:hidden">
            <MobileMenu>
              <p className="mb-2 text-xs text-slate-500">
                <span className="block font-medium text-slate-700">{caller.name}</span>
                <span className="break-all">{caller.email}</span> · {ROLE_LABELS[caller.role]}
              </p>
              {signOut}
            </MobileMenu>
          </div>
        </div>
      </header>
      <BudgetBanner status={budgets} />
      <main className="mx-auto max-w-7xl px-4 py-8 sm:px-6">{children}</main>
      <Toaster />
    </div>
  );
}
