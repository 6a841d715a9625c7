"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DailyCost } from "@/lib/domain/daily-cost";
import { ChartCard } from "./chart-card";
import { axisTitle, COLORS, formatTime, formatUsdPrecise, formatUsdTick, LEGEND_PROPS } from "./format";

/** Cost per day over a window of whole days, stacked by endpoint; days without cost stay empty. */
export function ChartStackedCost({ data, names, title = "Cost per day, by endpoint", emptyText }: { data: DailyCost[]; names: string[]; title?: string; emptyText: string }) {
  return (
    <ChartCard title={title} empty={names.length === 0} emptyText={emptyText} testId="chart-cost-per-day">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-200)" />
          <XAxis dataKey="t" tickFormatter={(t: number) => formatTime(t, 86_400_000)} fontSize={11} minTickGap={16} />
          <YAxis tickFormatter={(v: number) => formatUsdTick(v)} width={64} fontSize={11} label={axisTitle("USD per day", "left")} />
          <Tooltip labelFormatter={(t) => formatTime(Number(t), 86_400_000)} formatter={(v, name) => [formatUsdPrecise(Number(v)), name]} />
          <Legend {...LEGEND_PROPS} />
          {names.map((name, i) => (
            <Bar key={name} dataKey={name} stackId="cost" fill={COLORS.series[i % COLORS.series.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
