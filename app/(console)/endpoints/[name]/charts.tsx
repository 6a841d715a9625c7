"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ChartBarColdStarts } from "@/components/charts/chart-bar-cold-starts";
import { ChartBarCost } from "@/components/charts/chart-bar-cost";
import { ChartBarRequests } from "@/components/charts/chart-bar-requests";
import { ChartLineUsage } from "@/components/charts/chart-line-usage";
import { ChartStepReplicas } from "@/components/charts/chart-step-replicas";
import { cn } from "@/lib/cn";
import { RANGES, type RangeKey } from "@/lib/domain/ranges";
import { endpointSeriesQuery } from "@/lib/queries/endpoints";

const CHART_TITLES = ["Replicas", "Cold starts", "Cost", "Requests", "CPU and memory per replica"];

/** The page arrives without its series: they are fetched after the shell, so a day of data never weighs on navigation. */
export function EndpointCharts({ name, url, range }: { name: string; url: string; range: RangeKey }) {
  // The previous range stays drawn while the next one loads, instead of flashing empty.
  const { data, error, isFetching } = useQuery({ ...endpointSeriesQuery(name, range), placeholderData: keepPreviousData });
  const hint = `No data in the last ${RANGES[range].label}. Send a request to ${url}/v1/completions to fill it (the newest minute appears within a minute).`;
  return (
    <section aria-labelledby="charts-heading" className="space-y-3">
      <div className="flex items-center justify-between">
        <h2 id="charts-heading" className="text-base font-semibold">
          Usage and cost
        </h2>
        <nav aria-label="Range" className="flex gap-1 rounded-lg bg-white p-1 text-xs shadow-sm ring-1 ring-slate-200">
          {(Object.keys(RANGES) as RangeKey[]).map((key) => (
            <Link
              key={key}
              href={`?range=${key}`}
              scroll={false}
              aria-current={key === range ? "page" : undefined}
              className={cn("rounded-md px-2.5 py-1 font-medium", key === range ? "bg-brand-600 text-white" : "text-slate-600 hover:bg-slate-100")}
            >
              {key}
            </Link>
          ))}
        </nav>
      </div>
      {error && !data ? (
        <p role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200">
          The charts could not be loaded: {error.message}. They retry on their own.
        </p>
      ) : !data ? (
          <ChartSkeletons />
      ) : (
        <div className="grid gap-4 lg:grid-cols-2" aria-busy={isFetching && data.range !== range}>
          <ChartStepReplicas points={data.points} bucketMs={data.bucketMs} emptyText={hint} />
          <ChartBarColdStarts points={data.points} bucketMs={data.bucketMs} emptyText="No cold starts in this range: the endpoint did not start from zero." />
          <ChartBarCost points={data.points} bucketMs={data.bucketMs} emptyText={hint} />
          <ChartBarRequests points={data.points} bucketMs={data.bucketMs} emptyText={hint} />
          <ChartLineUsage points={data.points} bucketMs={data.bucketMs} emptyText="No replica ran in this range. Ebb samples the CPU and memory of each replica it runs every 10 s." />
        </div>
      )}
    </section>
  );
}

function ChartSkeletons() {
  return (
    <div className="grid gap-4 lg:grid-cols-2" aria-busy="true" aria-label="Loading charts">
      {CHART_TITLES.map((title) => (
        <div key={title} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <p className="mb-3 text-sm font-semibold text-slate-800">{title}</p>
          <div className="h-48 animate-pulse rounded-lg bg-slate-100" />
        </div>
      ))}
    </div>
  );
}
