/**
 * Chart ranges: the rollup each reads and the bucket each draws, so a series has at most 168 points
 * (a day is 96 quarter-hours of minute rows summed, a month 120 quarter-days of hour rows).
 */
export const RANGES = {
  "1h": { ms: 3_600_000, resolution: "1m", bucketMs: 60_000, label: "1 hour" },
  "24h": { ms: 86_400_000, resolution: "1m", bucketMs: 15 * 60_000, label: "24 hours" },
  "7d": { ms: 7 * 86_400_000, resolution: "1h", bucketMs: 3_600_000, label: "7 days" },
  "30d": { ms: 30 * 86_400_000, resolution: "1h", bucketMs: 6 * 3_600_000, label: "30 days" },
} as const;

export type RangeKey = keyof typeof RANGES;

export function parseRange(value: unknown): RangeKey {
  // Own keys only: "toString" or "__proto__" are in every object, and are no range.
  return typeof value === "string" && Object.hasOwn(RANGES, value) ? (value as RangeKey) : "24h";
}

/** A range given to an API: absent means 24 hours; anything but a listed range is a 422 naming it. */
export function requireRange(value: string | null): RangeKey | null {
  if (value === null || value === "") return "24h";
  return Object.hasOwn(RANGES, value) ? (value as RangeKey) : null;
}

/** The latency (ms) under which `p` of the requests finished, at histogram-bucket resolution. */
export function histogramPercentile(histogram: number[], bounds: number[], p: number): number | null {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!;
    if (seen >= p * total) return bounds[i] ?? bounds[bounds.length - 1]! * 2;
  }
  return bounds[bounds.length - 1]! * 2;
}
