import { describe, expect, it } from "vitest";
import type { ScalingPolicy } from "@/lib/domain/policy";
import type { ReplayResult } from "@/lib/replay/replay";
import { alternatives, describeChange, idleShare, peakReplicasNeeded, policyKey, recommend, toPoints } from "@/lib/replay/what-if";

const current: ScalingPolicy = { autoscaling: true, minReplicas: 0, maxReplicas: 10, scaleToZeroSeconds: 900, targetConcurrency: 4 };
const DAY = 24 * 3_600_000;

function result(cost: number, coldStarts: number, extra: Partial<ReplayResult> = {}): ReplayResult {
  return {
    requests: 100,
    replicaSeconds: cost * 3600,
    wastedSeconds: 0,
    replicaStarts: coldStarts,
    startsCancelled: 0,
    coldStarts,
    delayedRequests: coldStarts,
    refusedRequests: 0,
    delayP50Ms: coldStarts > 0 ? 30_000 : null,
    delayP99Ms: coldStarts > 0 ? 60_000 : null,
    computeCost: cost,
    storageCost: 0,
    peakReplicas: 1,
    ...extra,
  };
}

describe("the what-if alternatives", () => {
  it("compare timeouts from 1 to 120 minutes, Auto, min 1, max above the peak, half and twice the target, and always on; each once", () => {
    const list = alternatives(current, 2);
    expect(list[0]).toEqual({ policy: current, label: "Current policy" });
    const timeouts = list.filter((a) => a.policy.autoscaling && !a.policy.scaleToZeroAuto && a.policy.minReplicas === 0 && a.policy.maxReplicas === 10 && a.policy.targetConcurrency === 4).map((a) => a.policy.scaleToZeroSeconds / 60);
    // 15 minutes is the current policy itself, listed once.
    expect(timeouts).toEqual([15, 1, 2, 5, 10, 30, 60, 120]);
    expect(list.find((a) => a.policy.scaleToZeroAuto)?.label).toBe("Auto scale to zero");
    expect(list.find((a) => a.policy.minReplicas === 1)?.label).toBe("Min 1");
    expect(list.find((a) => a.policy.maxReplicas === 3)?.label).toBe("Max 3");
    expect(list.find((a) => a.policy.targetConcurrency === 2)?.label).toBe("Target 2 per replica");
    expect(list.find((a) => !a.policy.autoscaling)).toMatchObject({ label: "Always on, 3 replicas", policy: { minReplicas: 3, maxReplicas: 3 } });
    expect(new Set(list.map((a) => policyKey(a.policy))).size).toBe(list.length);
  });

  it("names what a policy changes", () => {
    expect(describeChange({ ...current, scaleToZeroSeconds: 300 }, current)).toBe("Scale to zero after 5 min");
    expect(describeChange({ ...current, minReplicas: 1, maxReplicas: 4 }, current)).toBe("Min 1, max 4");
    expect(describeChange(current, current)).toBe("Current policy");
  });
});

describe("the frontier and the recommendation", () => {
  const week = 7 * DAY;
  const replayed = (entries: Array<[ScalingPolicy, ReplayResult]>) => toPoints(entries.map(([policy, r], i) => ({ alternative: { policy, label: i === 0 ? "Current policy" : describeChange(policy, current) }, result: r })), week);

  it("marks the points no other beats on both cost and cold starts, and prices changes per month", () => {
    const points = replayed([
      [current, result(10, 5)],
      [{ ...current, scaleToZeroSeconds: 300 }, result(6, 5)],
      [{ ...current, scaleToZeroSeconds: 60 }, result(4, 9)],
      [{ ...current, minReplicas: 1 }, result(40, 0)],
      [{ ...current, targetConcurrency: 8 }, result(12, 6)],
    ]);
    expect(points.map((p) => p.frontier)).toEqual([false, true, true, true, false]);
    expect(points[0]!.current).toBe(true);
    expect(points[1]!.monthlyCostChange).toBeCloseTo((-4 * 30) / 7, 9);
  });

  it("recommends the cheapest policy with no more cold starts when it saves something", () => {
    const points = replayed([
      [current, result(10, 5)],
      [{ ...current, scaleToZeroSeconds: 300 }, result(6, 5)],
      [{ ...current, scaleToZeroSeconds: 60 }, result(4, 9)],
    ]);
    const r = recommend(points, { requests: 100, idleShare: 0.9, days: 7 });
    expect(r).toMatchObject({ label: "Scale to zero after 5 min", coldStartChange: 0, policy: { scaleToZeroMinutes: 5 } });
    expect(r!.monthlyCostChange).toBeLessThan(0);
    expect(r!.reason).toMatch(/saves about \$17\.14 a month/);
  });

  it("recommends a warm replica when cold starts hold many requests, and says what it costs", () => {
    const points = replayed([
      [current, result(10, 30, { delayedRequests: 40 })],
      [{ ...current, minReplicas: 1 }, result(30, 0, { delayedRequests: 0 })],
    ]);
    const r = recommend(points, { requests: 100, idleShare: 0.5, days: 7 });
    expect(r).toMatchObject({ label: "Min 1", coldStartChange: -30 });
    expect(r!.monthlyCostChange).toBeGreaterThan(0);
    expect(r!.reason).toMatch(/40 % of the requests/);
  });

  it("recommends min 0 for an always-warm endpoint that is idle most of the time", () => {
    const warm = { ...current, minReplicas: 1 };
    const points = replayed([
      [warm, result(40, 0)],
      [{ ...warm, minReplicas: 0, scaleToZeroSeconds: 300 }, result(8, 6)],
      [{ ...warm, minReplicas: 0, scaleToZeroSeconds: 3600 }, result(20, 2)],
    ]);
    const r = recommend(points, { requests: 100, idleShare: 0.95, days: 7 });
    expect(r).toMatchObject({ policy: { minReplicas: 0, scaleToZeroMinutes: 60 }, coldStartChange: 2 });
    expect(r!.reason).toMatch(/idle 95 %/);
  });

  it("recommends nothing when the current policy is already the right trade", () => {
    const points = replayed([
      [current, result(10, 5)],
      [{ ...current, scaleToZeroSeconds: 60 }, result(9.9, 9)],
      [{ ...current, scaleToZeroSeconds: 3600 }, result(20, 2)],
    ]);
    expect(recommend(points, { requests: 100, idleShare: 0.9, days: 7 })).toBeNull();
  });
});

describe("what the traffic needed", () => {
  const requests = [
    { at: 0, serviceMs: 1000 },
    { at: 500, serviceMs: 1000 },
    { at: 600, serviceMs: 1000 },
    { at: 10_000, serviceMs: 1000 },
  ];
  it("takes the peak of requests in flight over the target", () => {
    expect(peakReplicasNeeded(requests, 1)).toBe(3);
    expect(peakReplicasNeeded(requests, 2)).toBe(2);
    expect(peakReplicasNeeded([], 4)).toBe(0);
  });
  it("measures the share of the period with nothing in flight", () => {
    // Busy 0–1.6 s and 10–11 s of 20 s.
    expect(idleShare(requests, 0, 20_000)).toBeCloseTo(1 - 2600 / 20_000, 9);
  });
});
