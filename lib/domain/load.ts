/** Requests in flight at one moment: what the gateway measures and the autoscaler decides on. */
export interface LoadSample {
  at: number;
  concurrency: number;
}
