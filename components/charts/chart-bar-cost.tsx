"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesPoint } from "@/lib/domain/series";
import { ChartCard } from "./chart-card";
import { axisTitle, COLORS, formatTime, formatUsdPrecise, formatUsdTick, LEGEND_PROPS } from "./format";

/** Cost per bucket and cumulative over the range. */
export function ChartBarCost({ points, bucketMs, emptyText }: { points: SeriesPoint[]; bucketMs: number; emptyText: string }) {
  const total = points.reduce((n, p) => Math.max(n, p.cumulativeCost ?? 0), 0);
  return (
    <ChartCard title={`Cost (${formatUsdPrecise(total)} in range)`} empty={total === 0} emptyText={emptyText} testId="chart-cost">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-200)" />
          <XAxis dataKey="t" tickFormatter={(t: number) => formatTime(t, bucketMs)} fontSize={11} minTickGap={32} />
          <YAxis yAxisId="bucket" tickFormatter={(v: number) => formatUsdTick(v)} width={64} fontSize={11} label={axisTitle("$ per bucket", "left")} />
          <YAxis yAxisId="total" orientation="right" tickFormatter={(v: number) => formatUsdTick(v)} width={64} fontSize={11} label={axisTitle("$ in range", "right")} />
          <Legend {...LEGEND_PROPS} />
          <Tooltip labelFormatter={(t) => formatTime(Number(t), bucketMs)} formatter={(v, name) => [formatUsdPrecise(Number(v)), name]} />
          <Bar yAxisId="bucket" dataKey="cost" name="Cost per bucket" fill={COLORS.primary} isAnimationActive={false} />
          <Line yAxisId="total" type="monotone" dataKey="cumulativeCost" name="Cumulative in range" stroke={COLORS.accent} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
