"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartCard } from "./chart-card";
import { COLORS, formatTime, formatUsdPrecise, formatUsdTick } from "./format";

/** Cost per day this month, stacked by endpoint. */
export function ChartStackedCost({ data, names }: { data: Array<{ t: number } & Record<string, number>>; names: string[] }) {
  return (
    <ChartCard title="Cost per day, by endpoint" empty={data.length === 0} emptyText="Nothing has cost anything this month yet. Costs accrue from replica-seconds once endpoints run.">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-200)" />
          <XAxis dataKey="t" tickFormatter={(t: number) => formatTime(t, 86_400_000)} fontSize={11} />
          <YAxis tickFormatter={(v: number) => formatUsdTick(v)} width={56} fontSize={11} />
          <Tooltip labelFormatter={(t) => formatTime(Number(t), 86_400_000)} formatter={(v, name) => [formatUsdPrecise(Number(v)), name]} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {names.map((name, i) => (
            <Bar key={name} dataKey={name} stackId="cost" fill={COLORS.series[i % COLORS.series.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
