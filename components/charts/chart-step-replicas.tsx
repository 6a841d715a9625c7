"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesPoint } from "@/lib/domain/series";
import { ChartCard } from "./chart-card";
import { axisTitle, COLORS, formatTime, LEGEND_PROPS } from "./format";

/** Whole replicas per bucket, as steps: the most ready at once and the most asked for. */
export function ChartStepReplicas({ points, bucketMs, emptyText }: { points: SeriesPoint[]; bucketMs: number; emptyText: string }) {
  const peak = points.reduce((n, p) => Math.max(n, p.target ?? 0, p.maxReady ?? 0), 0);
  const peakReady = points.reduce((n, p) => Math.max(n, p.maxReady ?? 0), 0);
  return (
    <ChartCard title="Replicas" empty={peak === 0} emptyText={emptyText} testId="chart-replicas">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-200)" />
          <XAxis dataKey="t" tickFormatter={(t: number) => formatTime(t, bucketMs)} fontSize={11} minTickGap={32} />
          <YAxis allowDecimals={false} domain={[0, Math.max(1, peak)]} fontSize={11} label={axisTitle("replicas", "left")} />
          <Tooltip labelFormatter={(t) => formatTime(Number(t), bucketMs)} formatter={(v, name) => [Number(v), name]} />
          <Legend {...LEGEND_PROPS} iconType="plainline" />
          <Line type="stepAfter" dataKey="target" name="Asked for (most)" stroke={COLORS.secondary} dot={false} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="maxReady" name="Ready (most at once)" stroke={COLORS.primary} strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <p className="sr-only" data-testid="replicas-peak">
        Peak {peakReady} ready replicas
      </p>
    </ChartCard>
  );
}
