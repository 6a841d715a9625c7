"use client";

import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesPoint } from "@/lib/domain/series";
import { ChartCard } from "./chart-card";
import { axisTitle, COLORS, formatBytes, formatCores, formatTime, LEGEND_PROPS } from "./format";

/** What one replica used: average CPU cores and peak resident memory per bucket (its processes together). */
export function ChartLineUsage({ points, bucketMs, emptyText }: { points: SeriesPoint[]; bucketMs: number; emptyText: string }) {
  const sampled = points.some((p) => p.memoryBytes !== null);
  const chartPoints = points.map((p) => ({ ...p, memoryMb: p.memoryBytes === null ? null : p.memoryBytes / 1_048_576 }));
  return (
    <ChartCard title="CPU and memory per replica" empty={!sampled} emptyText={emptyText} testId="chart-usage">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={chartPoints} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-200)" />
          <XAxis dataKey="t" tickFormatter={(t: number) => formatTime(t, bucketMs)} fontSize={11} minTickGap={32} />
          <YAxis yAxisId="cpu" tickFormatter={(v: number) => formatCores(v)} width={56} fontSize={11} label={axisTitle("CPU (cores)", "left")} />
          <YAxis yAxisId="memory" orientation="right" tickFormatter={(v: number) => formatBytes(v * 1_048_576)} width={64} fontSize={11} label={axisTitle("memory", "right")} />
          <Legend {...LEGEND_PROPS} />
          <Tooltip
            labelFormatter={(t) => formatTime(Number(t), bucketMs)}
            formatter={(v, name) => [name === "CPU, average" ? `${formatCores(v as number)} cores` : formatBytes((v as number) * 1_048_576), name]}
          />
          <Line yAxisId="cpu" dataKey="cpuCores" name="CPU, average" stroke={COLORS.primary} dot={false} connectNulls={false} isAnimationActive={false} />
          <Line yAxisId="memory" dataKey="memoryMb" name="Memory, peak" stroke={COLORS.series[1]} dot={false} connectNulls={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
