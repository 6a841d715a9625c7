import { bucketServiceMs, type RequestLogSecond } from "@/lib/domain/request-log";
import type { ReplayRequest } from "./replay";

/**
 * An endpoint's request log as requests to replay, sorted by arrival: listed requests at their exact
 * times; the counted rest of a busy second spread evenly over it, each with its bucket's time.
 */
export function recordedRequests(rows: RequestLogSecond[]): ReplayRequest[] {
  const requests: ReplayRequest[] = [];
  for (const row of rows) {
    row.offsetsMs.forEach((offset, i) => requests.push({ at: row.second + offset, serviceMs: row.serviceMs[i]! }));
    const spread = row.unlistedServiceHistogram.flatMap((count, bucket) => Array<number>(count).fill(bucketServiceMs(bucket)));
    spread.forEach((serviceMs, i) => requests.push({ at: row.second + Math.floor(((i + 0.5) * 1000) / spread.length), serviceMs }));
  }
  return requests.sort((a, b) => a.at - b.at);
}

/** Requests the gateway held for a cold start, as recorded. */
export function recordedDelays(rows: RequestLogSecond[]): number {
  return rows.reduce((n, row) => n + row.heldMs.filter((ms) => ms > 0).length + row.unlistedHeld, 0);
}
