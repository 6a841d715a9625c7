"use client";

import { CartesianGrid, Cell, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import type { WhatIfPoint } from "@/lib/domain/what-if";
import { axisTitle, COLORS, formatUsdTick, LEGEND_PROPS } from "@/components/charts/format";

interface Dot {
  index: number;
  label: string;
  coldStarts: number;
  cost: number;
}

/**
 * Cost against cold starts of each replayed policy: the frontier (no point both cheaper and with fewer
 * cold starts) joined by a line, the current policy marked, the chosen one ringed. A dot picks its policy.
 */
export function FrontierChart({ points, selected, onSelect }: { points: WhatIfPoint[]; selected: number; onSelect: (index: number) => void }) {
  const dots: Dot[] = points.map((p, index) => ({ index, label: p.label, coldStarts: p.outcome.coldStarts, cost: p.outcome.cost }));
  const frontier = dots.filter((d) => points[d.index]!.frontier && !points[d.index]!.current).sort((a, b) => a.coldStarts - b.coldStarts);
  const others = dots.filter((d) => !points[d.index]!.frontier && !points[d.index]!.current);
  const current = dots.filter((d) => points[d.index]!.current);
  const pick = (data: unknown) => {
    const index = (data as { payload?: Dot })?.payload?.index;
    if (index !== undefined) onSelect(index);
  };
  const ring = (d: Dot) => (d.index === selected ? { stroke: "var(--color-slate-900)", strokeWidth: 2 } : {});
  return (
    <div className="h-64" data-testid="what-if-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 4, right: 12, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--color-slate-200)" />
          <XAxis type="number" dataKey="coldStarts" name="Cold starts" allowDecimals={false} fontSize={11} label={{ value: "cold starts over the period", position: "insideBottom", offset: -8, style: { fontSize: 10, fill: "var(--color-slate-500)" } }} />
          <YAxis type="number" dataKey="cost" name="Cost" tickFormatter={formatUsdTick} width={64} fontSize={11} label={axisTitle("cost over the period ($)", "left")} />
          <Legend {...LEGEND_PROPS} />
          <Tooltip
            cursor={{ strokeDasharray: "3 3" }}
            content={({ payload }) => {
              const dot = payload?.[0]?.payload as Dot | undefined;
              if (!dot) return null;
              return (
                <div className="rounded-md bg-white px-3 py-2 text-xs shadow ring-1 ring-slate-200">
                  <div className="font-medium">{dot.label}</div>
                  <div>
                    ${dot.cost.toFixed(4)} · {dot.coldStarts} cold start{dot.coldStarts === 1 ? "" : "s"}
                  </div>
                </div>
              );
            }}
          />
          <Scatter name="Frontier" data={frontier} fill={COLORS.primary} line={{ stroke: COLORS.primary }} onClick={pick} isAnimationActive={false} className="cursor-pointer">
            {frontier.map((d) => (
              <Cell key={d.index} {...ring(d)} />
            ))}
          </Scatter>
          <Scatter name="Other policies" data={others} fill={COLORS.secondary} onClick={pick} isAnimationActive={false} className="cursor-pointer">
            {others.map((d) => (
              <Cell key={d.index} {...ring(d)} />
            ))}
          </Scatter>
          <Scatter name="Current policy" data={current} fill={COLORS.accent} shape="diamond" onClick={pick} isAnimationActive={false} className="cursor-pointer">
            {current.map((d) => (
              <Cell key={d.index} {...ring(d)} />
            ))}
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
