import type { Metadata } from "next";
import Link from "next/link";
import { LinkPending } from "@/components/ui/link-pending";
import { StateBadge } from "@/components/endpoints/state-badge";
import { ChartStackedCost } from "@/components/charts/chart-stacked-cost";
import { Sparkline } from "@/components/charts/sparkline";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { requireCaller } from "@/lib/auth";
import { formatUsd } from "@/lib/domain/presets";
import { getOrganizationSummary, getReplicaSparklines } from "@/lib/services/metrics";
import { TableHead } from "@/components/ui/table-head";
import { RecommendationsBanner } from "@/components/what-if/recommendations-banner";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const caller = await requireCaller();
  // Read together: the page waits for the slower, not for both in turn.
  const [summary, sparklines] = await Promise.all([getOrganizationSummary({ caller }), getReplicaSparklines({ caller })]);
  return (
    <>
      <PageHeader title="Dashboard" description={`What ${caller.organizationName}'s endpoints run and cost.`} />
      <dl className="mb-6 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <StatCard label="Month to date" value={formatUsd(summary.monthToDate)} testId="stat-mtd" />
        <StatCard label="Projected month" value={formatUsd(summary.projected)} detail="to date + each endpoint's last 7 days' average day (current rate if newer than a day or paused)" />
        <StatCard
          label="Savings vs always-on"
          value={formatUsd(summary.savings)}
          detail={`always on at peak replicas: ${formatUsd(summary.alwaysOn)}`}
        />
        <StatCard label="Replicas running" value={summary.replicasNow} />
        <StatCard label="Cold starts (24 h)" value={summary.coldStarts24h} />
      </dl>
      <RecommendationsBanner />
      <div className="mb-6">
        <ChartStackedCost
          title="Cost per day this month, by endpoint"
          data={summary.costByDay}
          names={summary.endpointNames}
          emptyText="Nothing has cost anything this month yet. Costs accrue from replica-seconds once endpoints run."
        />
      </div>
      {summary.endpoints.length === 0 ? (
        <EmptyState title="No endpoints yet">
          <Link href="/endpoints/new" className="font-medium text-brand-600">
            Create an endpoint
          </Link>{" "}
          to see its replicas, cold starts and cost here.
        </EmptyState>
      ) : (
        <div className="relative overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <table className="w-full text-left text-sm">
            <TableHead columns={["Endpoint", "State", "Ready / target", "Replicas, 24 h"]} />
            <tbody className="divide-y divide-slate-100">
              {summary.endpoints.map((e) => (
                <tr key={e.name}>
                  <td className="px-4 py-2 font-medium">
                    <Link href={`/endpoints/${e.name}`} className="text-brand-600 hover:text-brand-700">
                      {e.name}
                      <LinkPending />
                    </Link>
                  </td>
                  <td className="px-4 py-2">
                    <StateBadge state={e.state} />
                  </td>
                  <td className="px-4 py-2 tabular-nums">
                    {e.ready}/{e.target}
                  </td>
                  <td className="px-4 py-2">
                    <Sparkline points={sparklines[e.name] ?? []} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
