/** Upper bounds of the latency histogram in milliseconds; one more bucket counts everything above. */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000];

/** Index of the histogram bucket of a latency (the last one is "above every bound"). */
export function latencyBucket(ms: number): number {
  const i = LATENCY_BUCKETS_MS.findIndex((le) => ms <= le);
  return i === -1 ? LATENCY_BUCKETS_MS.length : i;
}
