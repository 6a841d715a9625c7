/**
 * One bucket of an endpoint's charts. The series spans the whole range; buckets before the endpoint
 * existed have null counts, so charts draw nothing there rather than zeros.
 */
export interface SeriesPoint {
  t: number;
  /** Average ready replicas over the bucket. */
  ready: number | null;
  /** The most replicas ready at once in the bucket. */
  maxReady: number | null;
  target: number | null;
  requests: number | null;
  errors: number | null;
  p50: number | null;
  p95: number | null;
  coldStarts: number | null;
  coldStartP50: number | null;
  coldStartMax: number | null;
  cost: number | null;
  cumulativeCost: number | null;
  /** CPU cores one replica used on average over the bucket (null: no replica was sampled). */
  cpuCores: number | null;
  /** The most resident memory one replica held in the bucket, in bytes (null: none sampled). */
  memoryBytes: number | null;
}
