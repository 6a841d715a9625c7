import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button-class";
import { inputClass } from "@/components/ui/field";
import { TableHead } from "@/components/ui/table-head";
import { requireCaller } from "@/lib/auth";
import { formatBudget } from "@/lib/domain/budget";
import { can } from "@/lib/domain/roles";
import { getBudgetStatus } from "@/lib/services/budgets";
import { costRange, getCostLines, totalsBy } from "@/lib/services/costs";
import { EndpointBudgetForm, OrganizationBudgetForm } from "./budget-forms";

export const metadata: Metadata = { title: "Costs" };

type Props = { searchParams: Promise<{ from?: string; to?: string }> };

function TotalsTable({ title, rows, testId }: { title: string; rows: ReturnType<typeof totalsBy>; testId: string }) {
  return (
    <section aria-label={title} className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200" data-testid={testId}>
      <h2 className="border-b border-slate-200 px-5 py-3 text-base font-semibold">{title}</h2>
      {rows.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">No cost in this range.</p>
      ) : (
        <div className="relative overflow-x-auto">
<table className="w-full text-left text-sm">
          <TableHead
            padding="px-5"
            columns={[
              title.replace("By ", ""),
              { label: "Replica-hours", align: "right" },
              { label: "Compute", align: "right" },
              { label: "Storage", align: "right" },
              { label: "Total", align: "right" },
            ]}
          />
          <tbody className="divide-y divide-slate-100 tabular-nums">
            {rows.map((r) => (
              <tr key={r.key}>
                <td className="px-5 py-2 font-medium">{r.key}</td>
                <td className="px-5 py-2 text-right">{r.replicaHours.toFixed(2)}</td>
                <td className="px-5 py-2 text-right">{formatBudget(r.compute)}</td>
                <td className="px-5 py-2 text-right">{formatBudget(r.storage)}</td>
                <td className="px-5 py-2 text-right font-semibold">{formatBudget(r.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
</div>
      )}
    </section>
  );
}

export default async function CostsPage({ searchParams }: Props) {
  const caller = await requireCaller();
  const params = await searchParams;
  const range = costRange(params);
  const lines = await getCostLines({ caller, from: range.from, to: range.to });
  const status = await getBudgetStatus({ caller });
  const manage = can(caller.role, "endpoints.manage");
  const csv = `/api/console/costs.csv?from=${range.fromDay}&to=${range.toDay}`;
  return (
    <>
      <PageHeader title="Costs" description="Cost by endpoint and by instance type: replica-seconds × hourly price, plus storage while at zero." />
      <form className="mb-6 flex flex-wrap items-end gap-3" method="get">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-800">From</span>
          <input type="date" name="from" defaultValue={range.fromDay} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-800">To</span>
          <input type="date" name="to" defaultValue={range.toDay} className={inputClass} />
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          Show
        </button>
        <a href={csv} className={buttonClass("secondary")} download>
          Export CSV
        </a>
      </form>
      <div className="grid gap-6 lg:grid-cols-2">
        <TotalsTable title="By endpoint" rows={totalsBy(lines, (l) => (l.deleted ? `${l.endpoint} (deleted)` : l.endpoint))} testId="costs-by-endpoint" />
        <TotalsTable title="By instance type" rows={totalsBy(lines, (l) => l.instanceType)} testId="costs-by-instance-type" />
      </div>

      <section aria-labelledby="budgets-heading" className="mt-8 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <h2 id="budgets-heading" className="text-base font-semibold">
          Budgets this month
        </h2>
        <p className="mb-4 mt-1 text-sm text-slate-600">
          Month to date {formatBudget(status.organization.monthToDate)}, projected {formatBudget(status.organization.projected)}: month to date plus the rest of
          the month at each endpoint&apos;s average day over the last 7 days, or at its current rate when it is under a day old or paused.
          A banner and a lifecycle event tell when a projection crosses a budget.
        </p>
        {manage ? <OrganizationBudgetForm budget={status.organization.budget} /> : <p className="text-sm">Organization budget: {status.organization.budget === null ? "none" : formatBudget(status.organization.budget)}</p>}
        <div className="relative mt-5 overflow-x-auto">
<table className="w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-2 font-medium">Endpoint</th>
              <th className="py-2 text-right font-medium">Month to date</th>
              <th className="py-2 text-right font-medium">Projected</th>
              <th className="py-2 pl-6 font-medium">Monthly budget</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 tabular-nums">
            {status.endpoints.map((e) => (
              <tr key={e.name} data-testid={`budget-row-${e.name}`}>
                <td className="py-2 font-medium">{e.name}</td>
                <td className="py-2 text-right">{formatBudget(e.monthToDate)}</td>
                <td className={e.over ? "py-2 text-right font-semibold text-amber-700" : "py-2 text-right"}>
                  {formatBudget(e.projected)}
                  <span className="block text-xs font-normal text-slate-500">{e.basis}</span>
                </td>
                <td className="py-2 pl-6">
                  {manage ? (
                    <EndpointBudgetForm name={e.name} budget={e.budget} pauseAtBudget={e.pauseAtBudget} />
                  ) : e.budget === null ? (
                    "none"
                  ) : (
                    formatBudget(e.budget)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
</div>
      </section>
    </>
  );
}
