import { LATENCY_BUCKETS_MS, latencyBucket } from "./latency";

/**
 * The request log's unit: what one endpoint received in one second of arrivals. The first requests are
 * listed exactly; the rest are counted with a histogram of their time at the replica, which is all a
 * replay needs of a busy second (spread over it evenly) and keeps a month of traffic small.
 */
export const REQUESTS_LISTED_PER_SECOND = 8;

/** How long the request log is kept: the what-if replays reach 30 days back. */
export const REQUEST_LOG_RETENTION_DAYS = 30;

export interface RequestLogSecond {
  endpointId: string;
  /** Start of the second, in epoch milliseconds. */
  second: number;
  offsetsMs: number[];
  serviceMs: number[];
  heldMs: number[];
  statuses: number[];
  unlisted: number;
  unlistedHeld: number;
  unlistedServiceHistogram: number[];
}

export interface LoggedRequest {
  /** Arrival at the gateway, epoch milliseconds. */
  arrivedAt: number;
  /** From arrival to the end of the answer, less the time held: what a replica spent on it. */
  serviceMs: number;
  /** Time held for a cold start (0 when a replica was ready). */
  heldMs: number;
  status: number;
}

export function emptySecond(endpointId: string, second: number): RequestLogSecond {
  return { endpointId, second, offsetsMs: [], serviceMs: [], heldMs: [], statuses: [], unlisted: 0, unlistedHeld: 0, unlistedServiceHistogram: [] };
}

export function addToSecond(row: RequestLogSecond, request: LoggedRequest): void {
  if (row.offsetsMs.length < REQUESTS_LISTED_PER_SECOND) {
    row.offsetsMs.push(request.arrivedAt - row.second);
    row.serviceMs.push(Math.round(request.serviceMs));
    row.heldMs.push(Math.round(request.heldMs));
    row.statuses.push(request.status);
    return;
  }
  row.unlisted++;
  if (request.heldMs > 0) row.unlistedHeld++;
  const bucket = latencyBucket(request.serviceMs);
  while (row.unlistedServiceHistogram.length <= bucket) row.unlistedServiceHistogram.push(0);
  row.unlistedServiceHistogram[bucket]!++;
}

/** Sums two records of the same second (two flushes of a second, or a failed flush put back). */
export function mergeSeconds(into: RequestLogSecond, from: RequestLogSecond): void {
  into.offsetsMs.push(...from.offsetsMs);
  into.serviceMs.push(...from.serviceMs);
  into.heldMs.push(...from.heldMs);
  into.statuses.push(...from.statuses);
  into.unlisted += from.unlisted;
  into.unlistedHeld += from.unlistedHeld;
  from.unlistedServiceHistogram.forEach((n, i) => (into.unlistedServiceHistogram[i] = (into.unlistedServiceHistogram[i] ?? 0) + n));
}

/**
 * A time at the replica standing for a histogram bucket: the geometric middle of its bounds (the
 * buckets grow about 2.5× each), and 1.5× the last bound for the open bucket above them.
 */
export function bucketServiceMs(bucket: number): number {
  const upper = LATENCY_BUCKETS_MS[bucket];
  if (upper === undefined) return 1.5 * LATENCY_BUCKETS_MS.at(-1)!;
  const lower = bucket === 0 ? upper / 2 : LATENCY_BUCKETS_MS[bucket - 1]!;
  return Math.round(Math.sqrt(lower * upper));
}
