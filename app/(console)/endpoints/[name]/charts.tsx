"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ChartBarColdStarts } from "@/components/charts/chart-bar-cold-starts";
import { ChartBarCost } from "@/components/charts/chart-bar-cost";
import { ChartBarRequests } from "@/components/charts/chart-bar-requests";
import { ChartLineUsage } from "@/components/charts/chart-line-usage";
import { ChartStepReplicas } from "@/components/charts/chart-step-replicas";
import { cn } from "@/lib/cn";
import { RANGES, type RangeKey } from "@/lib/domain/ranges";
import { endpointSeriesQuery, type SeriesResponse } from "@/lib/queries/endpoints";

export function EndpointCharts({ name, url, range, initial }: { name: string; url: string; range: RangeKey; initial: SeriesResponse }) {
  const { data } = useQuery({ ...endpointSeriesQuery(name, range), initialData: initial });
  const { points, bucketMs } = data;
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
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartStepReplicas points={points} bucketMs={bucketMs} emptyText={hint} />
        <ChartBarColdStarts points={points} bucketMs={bucketMs} emptyText="No cold starts in this range: the endpoint did not start from zero." />
        <ChartBarCost points={points} bucketMs={bucketMs} emptyText={hint} />
        <ChartBarRequests points={points} bucketMs={bucketMs} emptyText={hint} />
        <ChartLineUsage points={points} bucketMs={bucketMs} emptyText="No replica ran in this range. Ebb samples the CPU and memory of each replica it runs every 10 s." />
      </div>
    </section>
  );
}
