import type { Metadata } from "next";
import Link from "next/link";
import { ChartStackedCost } from "@/components/charts/chart-stacked-cost";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button-class";
import { inputClass } from "@/components/ui/field";
import { TableHead } from "@/components/ui/table-head";
import { requireCaller } from "@/lib/auth";
import { formatBudget } from "@/lib/domain/budget";
import { can } from "@/lib/domain/roles";
import { getBudgetStatus } from "@/lib/services/budgets";
import { addToDay, everyDay } from "@/lib/domain/daily-cost";
import { ValidationError } from "@/lib/errors";
import { cn } from "@/lib/cn";
import { costRange, getCostLines, quickCostRanges, totalsBy, type CostLine } from "@/lib/services/costs";
import { EndpointBudgetForm, OrganizationBudgetForm } from "./budget-forms";

export const metadata: Metadata = { title: "Costs" };

type Props = { searchParams: Promise<{ from?: string; to?: string }> };

function TotalsTable({ title, rows, testId, href }: { title: string; rows: ReturnType<typeof totalsBy>; testId: string; href?: (key: string) => string | null }) {
  return (
    <section aria-label={title} className="min-w-0 rounded-xl bg-white shadow-sm ring-1 ring-slate-200" data-testid={testId}>
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
                <td className="px-5 py-2 font-medium">
                  {href?.(r.key) ? (
                    <Link href={href(r.key)!} className="text-brand-700 hover:underline">
                      {r.key}
                    </Link>
                  ) : (
                    r.key
                  )}
                </td>
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

/** The range from the query, or the error that names the field and the default range in its place. */
function rangeOf(params: { from?: string; to?: string }) {
  try {
    return { range: costRange(params), error: null };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { range: null, error };
  }
}

/** How an endpoint is named in the tables and the chart: a deleted one says so. */
const endpointKey = (l: CostLine) => (l.deleted ? `${l.endpoint} (deleted)` : l.endpoint);

/** Cost per day over the range, stacked by endpoint, every day of it on the axis. */
function dailyCost(lines: CostLine[], from: Date, to: Date) {
  const byDay = new Map<number, Record<string, number>>();
  for (const l of lines) addToDay(byDay, Date.parse(`${l.day}T00:00:00Z`), endpointKey(l), l.compute + l.storage);
  return everyDay(from.getTime(), to.getTime(), byDay);
}

export default async function CostsPage({ searchParams }: Props) {
  const caller = await requireCaller();
  const params = await searchParams;
  const { range, error } = rangeOf(params);
  const lines = range ? await getCostLines({ caller, from: range.from, to: range.to }) : [];
  const status = await getBudgetStatus({ caller });
  const manage = can(caller.role, "endpoints.manage");
  const byEndpoint = totalsBy(lines, endpointKey);
  const live = new Set(lines.filter((l) => !l.deleted).map((l) => l.endpoint));
  const fieldError = (field: "from" | "to") => error?.fieldErrors[field]?.[0];
  return (
    <>
      <PageHeader title="Costs" description="Cost by endpoint and by instance type: replica-seconds × hourly price, plus storage while at zero." />
      <nav aria-label="Quick ranges" className="mb-3 flex flex-wrap gap-2 text-sm">
        {quickCostRanges().map((q) => {
          const current = range?.fromDay === q.from && range.toDay === q.to;
          return (
            <Link
              key={q.label}
              href={`/costs?from=${q.from}&to=${q.to}`}
              aria-current={current ? "page" : undefined}
              className={cn("rounded-full px-3 py-1 font-medium ring-1", current ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-200 hover:bg-slate-50")}
            >
              {q.label}
            </Link>
          );
        })}
      </nav>
      <form className="mb-6 flex flex-wrap items-end gap-3" method="get" noValidate>
        {(["from", "to"] as const).map((field) => (
          <label key={field} className="text-sm">
            <span className="mb-1 block font-medium text-slate-800">{field === "from" ? "From" : "To"}</span>
            <input
              type="date"
              name={field}
              defaultValue={range ? (field === "from" ? range.fromDay : range.toDay) : params[field]}
              aria-invalid={fieldError(field) ? true : undefined}
              aria-describedby={fieldError(field) ? `${field}-error` : undefined}
              className={inputClass}
            />
          </label>
        ))}
        <button type="submit" className={buttonClass("secondary")}>
          Show
        </button>
        {range ? (
          <a href={`/api/console/costs.csv?from=${range.fromDay}&to=${range.toDay}`} className={buttonClass("secondary")} download>
            Export CSV
          </a>
        ) : null}
        {(["from", "to"] as const).map((field) =>
          fieldError(field) ? (
            <p key={field} id={`${field}-error`} role="alert" className="basis-full text-sm text-red-700">
              {fieldError(field)}
            </p>
          ) : null,
        )}
      </form>
      {range ? (
        <>
          <div className="mb-6">
            <ChartStackedCost
              data={dailyCost(lines, range.from, range.to)}
              names={byEndpoint.map((r) => r.key)}
              emptyText="Nothing cost anything in this range."
            />
          </div>
          <div className="grid gap-6 lg:grid-cols-2">
            <TotalsTable title="By endpoint" rows={byEndpoint} testId="costs-by-endpoint" href={(key) => (live.has(key) ? `/endpoints/${encodeURIComponent(key)}` : null)} />
            <TotalsTable title="By instance type" rows={totalsBy(lines, (l) => l.instanceType)} testId="costs-by-instance-type" />
          </div>
        </>
      ) : null}

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
                <td className="py-2 font-medium">
                  <Link href={`/endpoints/${encodeURIComponent(e.name)}`} className="text-brand-700 hover:underline">
                    {e.name}
                  </Link>
                </td>
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
