/** One bucket of an endpoint's charts. */
export interface SeriesPoint {
  t: number;
  /** Average ready replicas over the bucket. */
  ready: number;
  /** The most replicas ready at once in the bucket. */
  maxReady: number;
  target: number;
  requests: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  coldStarts: number;
  coldStartP50: number | null;
  coldStartMax: number | null;
  cost: number;
  cumulativeCost: number;
}
