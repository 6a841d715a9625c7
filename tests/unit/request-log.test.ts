import { describe, expect, it } from "vitest";
import { LATENCY_BUCKETS_MS, latencyBucket } from "@/lib/domain/latency";
import { bucketServiceMs, REQUESTS_LISTED_PER_SECOND } from "@/lib/domain/request-log";
import { RequestLogBuffer } from "@/lib/gateway/request-log";
import { recordedDelays, recordedRequests } from "@/lib/replay/recorded";

const SECOND = 1_700_000_000_000;

describe("the request log", () => {
  it("lists a light second's requests exactly and replays them at their times", () => {
    const log = new RequestLogBuffer();
    log.record("e", { arrivedAt: SECOND + 120, serviceMs: 800.4, heldMs: 0, status: 200 });
    log.record("e", { arrivedAt: SECOND + 900, serviceMs: 50, heldMs: 1500, status: 200 });
    log.record("e", { arrivedAt: SECOND + 1_005, serviceMs: 10, heldMs: 0, status: 503 });
    const rows = log.take();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ second: SECOND, offsetsMs: [120, 900], serviceMs: [800, 50], heldMs: [0, 1500], statuses: [200, 200], unlisted: 0 });
    expect(recordedRequests(rows)).toEqual([
      { at: SECOND + 120, serviceMs: 800 },
      { at: SECOND + 900, serviceMs: 50 },
      { at: SECOND + 1_005, serviceMs: 10 },
    ]);
    expect(recordedDelays(rows)).toBe(1);
    expect(log.take()).toEqual([]);
  });

  it("counts a busy second past the listed ones with a histogram, and replays them spread over it", () => {
    const log = new RequestLogBuffer();
    for (let i = 0; i < 100; i++) log.record("e", { arrivedAt: SECOND + i * 10, serviceMs: i < 50 ? 40 : 400, heldMs: i === 99 ? 5 : 0, status: 200 });
    const [row] = log.take();
    expect(row!.offsetsMs).toHaveLength(REQUESTS_LISTED_PER_SECOND);
    expect(row!.unlisted).toBe(100 - REQUESTS_LISTED_PER_SECOND);
    expect(row!.unlistedHeld).toBe(1);
    expect(row!.unlistedServiceHistogram[latencyBucket(40)]).toBe(50 - REQUESTS_LISTED_PER_SECOND);
    expect(row!.unlistedServiceHistogram[latencyBucket(400)]).toBe(50);
    const replayed = recordedRequests([row!]);
    expect(replayed).toHaveLength(100);
    expect(replayed.every((r) => r.at >= SECOND && r.at < SECOND + 1000)).toBe(true);
    // Each counted request stands for its bucket: between the bucket's bounds.
    const slow = replayed.filter((r) => r.serviceMs > 250);
    expect(slow).toHaveLength(50);
    expect(slow.every((r) => r.serviceMs > 250 && r.serviceMs <= 500)).toBe(true);
  });

  it("puts back rows after a failed write, merged with what came meanwhile", () => {
    const log = new RequestLogBuffer();
    log.record("e", { arrivedAt: SECOND, serviceMs: 5, heldMs: 0, status: 200 });
    const failed = log.take();
    log.record("e", { arrivedAt: SECOND + 500, serviceMs: 7, heldMs: 0, status: 200 });
    log.restore(failed);
    const [row] = log.take();
    expect(row!.offsetsMs.sort((a, b) => a - b)).toEqual([0, 500]);
  });

  it("stands for each histogram bucket with a time inside it", () => {
    for (let bucket = 0; bucket <= LATENCY_BUCKETS_MS.length; bucket++) expect(latencyBucket(bucketServiceMs(bucket))).toBe(bucket);
  });
});
