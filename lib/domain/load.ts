/**
 * Average concurrency (requests in flight or queued) over one sampling period ending at `at`: what the
 * gateway measures and the autoscaler decides on.
 */
export interface LoadSample {
  at: number;
  concurrency: number;
}
