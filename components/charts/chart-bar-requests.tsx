"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesPoint } from "@/lib/domain/series";
import { ChartCard } from "./chart-card";
import { axisTitle, COLORS, formatMs, formatTime, LEGEND_PROPS } from "./format";

/** Requests per bucket, with p50 and p95 latency at the gateway. */
export function ChartBarRequests({ points, bucketMs, emptyText }: { points: SeriesPoint[]; bucketMs: number; emptyText: string }) {
  const total = points.reduce((n, p) => n + (p.requests ?? 0), 0);
  return (
    <ChartCard title={`Requests (${total})`} empty={total === 0} emptyText={emptyText} testId="chart-requests">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-200)" />
          <XAxis dataKey="t" tickFormatter={(t: number) => formatTime(t, bucketMs)} fontSize={11} minTickGap={32} />
          <YAxis yAxisId="count" allowDecimals={false} fontSize={11} label={axisTitle("requests per bucket", "left")} />
          <YAxis yAxisId="ms" orientation="right" tickFormatter={(v: number) => formatMs(v)} width={64} fontSize={11} label={axisTitle("latency", "right")} />
          <Legend {...LEGEND_PROPS} />
          <Tooltip
            labelFormatter={(t) => formatTime(Number(t), bucketMs)}
            formatter={(v, name) => [name === "Requests" || name === "5xx" ? String(v) : `≤ ${formatMs(v as number | null)}`, name]}
          />
          <Bar yAxisId="count" dataKey="requests" name="Requests" fill={COLORS.primary} isAnimationActive={false} />
          <Bar yAxisId="count" dataKey="errors" name="5xx" fill={COLORS.danger} isAnimationActive={false} />
          <Line yAxisId="ms" dataKey="p50" name="p50" stroke={COLORS.series[1]} dot={false} isAnimationActive={false} />
          <Line yAxisId="ms" dataKey="p95" name="p95" stroke={COLORS.accent} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
