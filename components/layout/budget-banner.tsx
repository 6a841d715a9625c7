import Link from "next/link";
import { formatBudget } from "@/lib/domain/budget";

interface Status {
  organization: { budget: number | null; projected: number; over: boolean };
  endpoints: Array<{ name: string; budget: number | null; projected: number; monthToDate: number; over: boolean; pausedByBudget: boolean }>;
}

/** Shown on every console page while a month's projection is over a budget. */
export function BudgetBanner({ status }: { status: Status }) {
  const lines: string[] = [];
  if (status.organization.over) {
    lines.push(`This month is projected at ${formatBudget(status.organization.projected)}, over the organization's budget of ${formatBudget(status.organization.budget!)}.`);
  }
  for (const e of status.endpoints) {
    if (e.pausedByBudget) lines.push(`${e.name} was paused: it reached its budget of ${formatBudget(e.budget!)} (${formatBudget(e.monthToDate)} this month).`);
    else if (e.over) lines.push(`${e.name} is projected at ${formatBudget(e.projected)}, over its budget of ${formatBudget(e.budget!)}.`);
  }
  if (lines.length === 0) return null;
  return (
    <div role="alert" data-testid="budget-banner" className="border-b border-amber-200 bg-amber-50">
      <div className="mx-auto max-w-7xl px-4 py-2 text-sm text-amber-900 sm:px-6">
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
        <Link href="/costs" className="font-medium underline">
          Review budgets on Costs
        </Link>
      </div>
    </div>
  );
}
