/** Shared formatters for chart axes and tooltips. */
export function formatTime(t: number, bucketMs: number): string {
  const d = new Date(t);
  if (bucketMs >= 86_400_000) return d.toLocaleDateString(undefined, { month: "short", day: "numeric" });
  if (bucketMs >= 3_600_000) return d.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit" });
  return d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

/** Short dollar amounts for axis ticks. */
export function formatUsdTick(value: number): string {
  if (value === 0) return "$0";
  return value >= 1 ? `$${value.toFixed(2)}` : `$${Number(value.toPrecision(2))}`;
}

export function formatUsdPrecise(value: number): string {
  return `$${value < 0.01 && value > 0 ? value.toFixed(5) : value.toFixed(2)}`;
}

export function formatMs(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

/** Colours from the theme's CSS variables, so charts follow it. */
export const COLORS = {
  primary: "var(--color-brand-600)",
  secondary: "var(--color-slate-400)",
  accent: "var(--color-amber-500)",
  danger: "var(--color-red-500)",
  series: ["var(--color-brand-600)", "var(--color-emerald-500)", "var(--color-amber-500)", "var(--color-fuchsia-500)", "var(--color-sky-500)", "var(--color-slate-500)"],
};

/** Every chart with more than one series names them above the plot. */
export const LEGEND_PROPS = { verticalAlign: "top", height: 24, iconSize: 10, wrapperStyle: { fontSize: 11 } } as const;

/** An axis title with its unit, along the axis. */
export function axisTitle(value: string, side: "left" | "right") {
  return { value, angle: side === "left" ? -90 : 90, position: side === "left" ? "insideLeft" : "insideRight", style: { fontSize: 10, fill: "var(--color-slate-500)", textAnchor: "middle" } } as const;
}

/** CPU cores with the precision a small load needs: 0.003, 0.25, 1.5. */
export function formatCores(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  if (value === 0) return "0";
  return value >= 1 ? value.toFixed(1) : String(Number(value.toPrecision(2)));
}

/** Bytes in binary units: 512 KiB, 84 MiB, 1.5 GiB. */
export function formatBytes(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let n = value;
  let unit = 0;
  while (n >= 1024 && unit < units.length - 1) {
    n /= 1024;
    unit++;
  }
  return `${n >= 100 || unit === 0 ? Math.round(n) : n.toFixed(1)} ${units[unit]}`;
}
