"use client";

import { Line, LineChart, ResponsiveContainer, YAxis } from "recharts";
import { COLORS } from "./format";

/** Ready replicas over the last day, hourly, in a table cell. */
export function Sparkline({ points }: { points: Array<{ t: number; ready: number }> }) {
  if (points.length < 2) return <span className="text-xs text-slate-400">—</span>;
  return (
    <div className="h-8 w-28" aria-label={`Replicas over the last day: peak ${Math.max(...points.map((p) => p.ready))}`} role="img">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points}>
          <YAxis hide domain={[0, "dataMax"]} />
          <Line type="stepAfter" dataKey="ready" stroke={COLORS.primary} dot={false} strokeWidth={1.5} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
