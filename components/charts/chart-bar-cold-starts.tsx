"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesPoint } from "@/lib/domain/series";
import { ChartCard } from "./chart-card";
import { axisTitle, COLORS, formatMs, formatTime, LEGEND_PROPS } from "./format";

/** Cold starts per bucket, with the median and longest duration in each. */
export function ChartBarColdStarts({ points, bucketMs, emptyText }: { points: SeriesPoint[]; bucketMs: number; emptyText: string }) {
  const total = points.reduce((n, p) => n + (p.coldStarts ?? 0), 0);
  return (
    <ChartCard title={`Cold starts (${total})`} empty={total === 0} emptyText={emptyText} testId="chart-cold-starts">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-200)" />
          <XAxis dataKey="t" tickFormatter={(t: number) => formatTime(t, bucketMs)} fontSize={11} minTickGap={32} />
          <YAxis yAxisId="count" allowDecimals={false} fontSize={11} label={axisTitle("cold starts", "left")} />
          <YAxis yAxisId="ms" orientation="right" tickFormatter={(v: number) => formatMs(v)} width={64} fontSize={11} label={axisTitle("duration", "right")} />
          <Legend {...LEGEND_PROPS} />
          <Tooltip
            labelFormatter={(t) => formatTime(Number(t), bucketMs)}
            formatter={(v, name) => [name === "Cold starts" ? String(v) : formatMs(v as number | null), name]}
          />
          <Bar yAxisId="count" dataKey="coldStarts" name="Cold starts" fill={COLORS.accent} isAnimationActive={false} />
          <Line yAxisId="ms" dataKey="coldStartP50" name="Duration p50" stroke={COLORS.primary} dot isAnimationActive={false} />
          <Line yAxisId="ms" dataKey="coldStartMax" name="Duration max" stroke={COLORS.danger} dot isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
