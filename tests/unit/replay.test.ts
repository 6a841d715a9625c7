import { describe, expect, it } from "vitest";
import { replay, type ReplayOptions, type ReplayRequest } from "@/lib/replay/replay";
import type { ScalingPolicy } from "@/lib/domain/policy";
import { AZURE_CODE_TRACE, azureReplayRequests } from "@/lib/traces/replay-requests";

const HOUR = 3_600_000;
const policy: ScalingPolicy = { autoscaling: true, minReplicas: 0, maxReplicas: 10, scaleToZeroSeconds: 300, targetConcurrency: 4 };
const options: ReplayOptions = { policy, coldStartMs: 10_000, pricePerHour: 1, storagePricePerHour: 0.01 };

/** `perSecond` requests a second of `serviceMs` each over [from, from + seconds). */
function steady(from: number, seconds: number, perSecond: number, serviceMs: number): ReplayRequest[] {
  return Array.from({ length: seconds * perSecond }, (_, i) => ({ at: from + Math.round((i * 1000) / perSecond), serviceMs }));
}

describe("replaying traffic under a policy", () => {
  it("wakes a sparse endpoint for each request, holds it through the cold start, and bills until the idle timeout", () => {
    const requests = [0, 3, 7].map((h) => ({ at: h * HOUR, serviceMs: 2000 }));
    const r = replay(requests, { ...options, from: -1000, to: 10 * HOUR });
    expect(r).toMatchObject({ requests: 3, coldStarts: 3, replicaStarts: 3, startsCancelled: 0, wastedSeconds: 0, delayedRequests: 3, peakReplicas: 1 });
    // Each request waits for the start it caused: the decision at the next tick, then the 10 s load.
    expect(r.delayP50Ms).toBeGreaterThanOrEqual(10_000);
    expect(r.delayP99Ms).toBeLessThanOrEqual(11_000);
    // Each replica is asked for from the tick after the arrival until 300 s after it.
    expect(r.replicaSeconds).toBe(3 * 300);
    expect(r.computeCost).toBeCloseTo((3 * 300) / 3600, 9);
    expect(r.storageCost).toBeCloseTo(((10 * HOUR + 1000 - 3 * 300_000) / HOUR) * 0.01, 4);
  });

  it("serves a steady load with the replicas its target asks for, and no request waits", () => {
    // 6 requests a second of 2 s each: 12 in flight, target 4: three replicas.
    const warm = { ...options, policy: { ...policy, minReplicas: 3 } };
    const r = replay(steady(0, 600, 6, 2000), { ...warm, from: -30_000, to: 600_000 });
    expect(r.peakReplicas).toBe(3);
    expect(r.delayedRequests).toBe(0);
    expect(r.replicaSeconds).toBe(3 * 630);
  });

  it("does not cancel a starting replica while its load persists: bursts under a 90 s load waste nothing", () => {
    // Bursts of 30 s at 10 requests a second (1.5 s each: 15 in flight) every 3 minutes, for an hour.
    const requests = Array.from({ length: 20 }, (_, k) => steady(k * 180_000, 30, 10, 1500)).flat();
    const r = replay(requests, { ...options, coldStartMs: 90_000, policy: { ...policy, scaleToZeroSeconds: 600 } });
    expect(r.replicaStarts).toBeGreaterThan(1);
    expect(r.startsCancelled).toBe(0);
    expect(r.wastedSeconds).toBe(0);
  });

  it("activates for all that waits at zero, and starts no more for the queue that grows during the start", () => {
    // 12 requests at once at zero: ceil(12 / 4) = 3 replicas at the first decision.
    const burst = replay(Array.from({ length: 12 }, () => ({ at: 0, serviceMs: 100 })), { ...options, coldStartMs: 60_000, to: 5000 });
    expect(burst).toMatchObject({ coldStarts: 1, replicaStarts: 3 });
    // Then 40 a second for the 60 s the replicas take to start: the queue grows to 2,400, and no more
    // replicas are started for it before the first is ready.
    const queue = replay(steady(0, 60, 40, 100), { ...options, coldStartMs: 60_000, to: 59_000 });
    expect(queue).toMatchObject({ coldStarts: 1, replicaStarts: 1, peakReplicas: 1 });
  });

  it("spends under 5 % of replica time on replicas that never serve, on an hour of bursty code completions with 2-minute starts", () => {
    const r = replay(azureReplayRequests(AZURE_CODE_TRACE), { ...options, coldStartMs: 120_000, policy: { ...policy, maxReplicas: 20, scaleToZeroSeconds: 900 } });
    expect(r.requests).toBe(8819);
    expect(r.wastedSeconds / r.replicaSeconds).toBeLessThanOrEqual(0.05);
    expect(r.coldStarts).toBe(1);
  });
});

describe("replaying a period that begins with the endpoint running", () => {
  const DAY = 24 * HOUR;
  const sparse = [2, 30, 100].map((h) => ({ at: h * HOUR, serviceMs: 1000 }));

  it("bills min 1 for every second of a week, with no cold start, though the quiet hours are skipped", () => {
    const r = replay(sparse, { ...options, policy: { ...policy, minReplicas: 1 }, from: 0, to: 7 * DAY, initialReplicas: 1 });
    expect(r.replicaSeconds).toBe(7 * 24 * 3600);
    expect(r.coldStarts).toBe(0);
    expect(r.delayedRequests).toBe(0);
    expect(r.storageCost).toBe(0);
  });

  it("bills a fixed count all along, whatever the traffic", () => {
    const r = replay(sparse, { ...options, policy: { ...policy, autoscaling: false, minReplicas: 2, maxReplicas: 2 }, from: 0, to: DAY, initialReplicas: 2 });
    expect(r.replicaSeconds).toBe(2 * 24 * 3600);
    expect(r.peakReplicas).toBe(2);
  });

  it("keeps a replica running at the start until idle for the timeout, then wakes for each request", () => {
    const r = replay(sparse, { ...options, from: 0, to: 7 * DAY, initialReplicas: 1 });
    // The replica at the start until its decision at 300 s (billed per tick up to each decision), then
    // 300 s after each request's tick.
    expect(r.replicaSeconds).toBe(299 + 3 * 300);
    expect(r.coldStarts).toBe(3);
  });

  it("runs a replica from creation until idle, as a new endpoint does", () => {
    const created = HOUR;
    const r = replay([{ at: 10 * HOUR, serviceMs: 1000 }], { ...options, from: created, to: DAY, activeSince: created });
    expect(r.coldStarts).toBe(2);
    // From the first tick after creation (as the controller's), and from the tick after the request.
    expect(r.replicaSeconds).toBe(299 + 300);
  });
});

describe("replaying an endpoint with a schedule", () => {
  it("runs it only in its windows: requests outside are refused, replicas billed only inside", () => {
    // Monday 23 November 2026, UTC: running 08:00–19:00.
    const monday = Date.UTC(2026, 10, 23);
    const schedule = { timezone: "UTC", days: [1, 2, 3, 4, 5], start: "08:00", end: "19:00" };
    const requests = [3, 10, 15].map((h) => ({ at: monday + h * HOUR, serviceMs: 1000 }));
    const warm = { ...policy, minReplicas: 1 };
    const r = replay(requests, { ...options, policy: warm, from: monday, to: monday + 24 * HOUR, schedule });
    expect(r.requests).toBe(3);
    expect(r.refusedRequests).toBe(1);
    expect(r.delayedRequests).toBe(0);
    // Min 1 inside the window only (11 hours), started once when it opened.
    expect(r.replicaSeconds).toBeGreaterThanOrEqual(11 * 3600 - 2);
    expect(r.replicaSeconds).toBeLessThanOrEqual(11 * 3600 + 2);
    expect(r.coldStarts).toBe(1);
    expect(r.storageCost).toBeCloseTo(13 * 0.01, 2);
  });
});
