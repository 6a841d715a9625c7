import { describe, expect, it } from "vitest";
import { AUTO_MIN_GAPS, AUTO_TIMEOUT_CEILING_MS, AUTO_TIMEOUT_FLOOR_MS, autoTimeout, defaultColdStartWorthMs } from "@/lib/domain/auto-timeout";
import { replay } from "@/lib/replay/replay";

const MIN = 60_000;
const FIXED = 15 * MIN;

describe("Auto scale-to-zero's timeout", () => {
  it("keeps the set timeout until enough gaps longer than a minute are known", () => {
    expect(autoTimeout([2 * MIN, 3 * MIN, 30_000, 10_000], 30 * MIN, FIXED)).toEqual({ timeoutMs: FIXED, gaps: 2, learned: false });
    expect(autoTimeout(Array(AUTO_MIN_GAPS).fill(2 * MIN), 30 * MIN, FIXED).learned).toBe(true);
  });

  it("covers the short gaps of working sessions and lets the long ones between sessions go", () => {
    // Sessions with pauses of 2–4 minutes, and nights.
    const gaps = [...Array(30).fill(2 * MIN), ...Array(20).fill(4 * MIN), ...Array(10).fill(8 * 60 * MIN)];
    const chosen = autoTimeout(gaps, 20 * MIN, FIXED);
    // Just past the longest pause: every session stays warm, each night costs a few minutes.
    expect(chosen.timeoutMs).toBeGreaterThan(4 * MIN);
    expect(chosen.timeoutMs).toBeLessThan(5 * MIN);
  });

  it("lets a pause go when a cold start is worth less than keeping the replica through it", () => {
    const gaps = [...Array(30).fill(2 * MIN), ...Array(20).fill(40 * MIN)];
    // Worth 10 minutes: waiting 40 minutes to spare one is dearer; 2-minute pauses are still covered.
    expect(autoTimeout(gaps, 10 * MIN, FIXED).timeoutMs).toBeLessThan(3 * MIN);
    // Worth an hour: keep the replica through the 40-minute pauses too.
    expect(autoTimeout(gaps, 60 * MIN, FIXED).timeoutMs).toBeGreaterThan(40 * MIN);
  });

  it("stays between a minute and two hours", () => {
    expect(autoTimeout(Array(10).fill(61_000), MIN, FIXED).timeoutMs).toBeGreaterThanOrEqual(AUTO_TIMEOUT_FLOOR_MS);
    // Gaps longer than two hours cannot be covered: waiting for them only adds to each cold start.
    expect(autoTimeout(Array(10).fill(3 * 60 * MIN), 100 * 60 * MIN, FIXED).timeoutMs).toBe(AUTO_TIMEOUT_FLOOR_MS);
    expect(autoTimeout(Array(10).fill(110 * MIN), 100 * 60 * MIN, FIXED).timeoutMs).toBeLessThanOrEqual(AUTO_TIMEOUT_CEILING_MS);
  });

  it("weighs an unstated cold start at 20 times its duration, at least 5 minutes", () => {
    expect(defaultColdStartWorthMs(120_000)).toBe(40 * MIN);
    expect(defaultColdStartWorthMs(1_000)).toBe(5 * MIN);
  });

  it("learns in the replay as the controller does: fewer replica-hours than 15 minutes on session traffic", () => {
    // Two weeks of a developer's day: 8 sessions of 6 requests 3 minutes apart, a session every hour.
    const requests = Array.from({ length: 14 }, (_, day) =>
      Array.from({ length: 8 }, (_, session) => Array.from({ length: 6 }, (_, k) => ({ at: day * 24 * 60 * MIN + (9 + session) * 60 * MIN + k * 3 * MIN, serviceMs: 2000 }))).flat(),
    ).flat();
    const policy = { autoscaling: true, minReplicas: 0, maxReplicas: 1, scaleToZeroSeconds: 900, targetConcurrency: 4 };
    const options = { coldStartMs: 60_000, pricePerHour: 1, storagePricePerHour: 0, from: 0, to: 14 * 24 * 60 * MIN };
    const fixed = replay(requests, { ...options, policy });
    const auto = replay(requests, { ...options, policy: { ...policy, scaleToZeroAuto: true } });
    // Sessions an hour apart: fixed 15 minutes pays 15 idle minutes after each; Auto about 3.
    expect(auto.replicaSeconds).toBeLessThan(0.75 * fixed.replicaSeconds);
    expect(auto.coldStarts).toBe(fixed.coldStarts);
  });
});
