/** The value at `fraction` (0.5: the median) of ascending `sorted`; NaN when empty. */
export function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? NaN;
}
