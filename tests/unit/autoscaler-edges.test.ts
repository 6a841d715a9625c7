import { describe, expect, it } from "vitest";
import { decide, initialAutoscalerState, PANIC_THRESHOLD, PANIC_WINDOW_MS, STABLE_WINDOW_MS, type DecideInput, type LoadSample } from "@/lib/autoscaler/autoscaler";
import type { ScalingPolicy } from "@/lib/domain/policy";

const policy: ScalingPolicy = { autoscaling: true, minReplicas: 0, maxReplicas: 10, scaleToZeroSeconds: 300, targetConcurrency: 4 };
const T0 = 5_000_000;

function steady(concurrency: number, seconds: number, now: number): LoadSample[] {
  return Array.from({ length: seconds }, (_, i) => ({ at: now - (seconds - 1 - i) * 1000, concurrency }));
}

/** Quiet for the stable window, then `burst` for the panic window. */
function burstOf(burst: number, now = T0): LoadSample[] {
  return [...steady(0, (STABLE_WINDOW_MS - PANIC_WINDOW_MS) / 1000, now - PANIC_WINDOW_MS), ...steady(burst, PANIC_WINDOW_MS / 1000, now)];
}

function input(overrides: Partial<DecideInput>): DecideInput {
  return { policy, paused: false, currentReplicas: 1, readyReplicas: 1, samples: [], pending: 0, lastRequestAt: T0, noScaleDownBefore: 0, state: initialAutoscalerState, now: T0, ...overrides };
}

describe("the autoscaler at its boundaries", () => {
  it("uses Knative's windows and panics at exactly twice the capacity, not a request less", () => {
    expect([STABLE_WINDOW_MS, PANIC_WINDOW_MS, PANIC_THRESHOLD]).toEqual([60_000, 6_000, 2]);
    // One replica at 4 per replica: capacity 4, so a panic-window average of exactly 8 panics.
    expect(decide(input({ samples: burstOf(8) }))).toMatchObject({ mode: "panic", replicas: 2, reason: "panic: load 8.0 ≥ 2× capacity 4" });
    expect(decide(input({ samples: burstOf(7.9) })).mode).toBe("stable");
  });

  it("averages only the samples inside each window, the newest included and the one at its start not", () => {
    // A sample exactly a panic window old is outside it.
    const samples = [...steady(0, 54, T0 - 6000), { at: T0 - PANIC_WINDOW_MS, concurrency: 1000 }, ...steady(8, 5, T0)];
    expect(decide(input({ samples })).mode).toBe("panic");
    // Samples from the future are not load yet.
    expect(decide(input({ samples: [...steady(0, 60, T0), { at: T0 + 1, concurrency: 1000 }] })).mode).toBe("stable");
    // No samples: no load, one replica kept while not idle.
    expect(decide(input({ samples: [] }))).toMatchObject({ mode: "stable", replicas: 1, reason: "not idle yet: last request 0 s ago, scale to zero after 5 min" });
  });

  it("counts what is waiting in the panic decision, and never panics with nothing running", () => {
    expect(decide(input({ samples: steady(0, 60, T0), pending: 3 })).mode).toBe("stable");
    const atZero = decide(input({ currentReplicas: 0, readyReplicas: 0, samples: burstOf(40), pending: 0, lastRequestAt: null, activeSince: null }));
    expect(atZero.mode).not.toBe("panic");
  });

  it("holds the panic count for a stable window after the load was last over the threshold, then leaves it exactly then", () => {
    const panic = decide(input({ samples: burstOf(40), pending: 40 }));
    expect(panic).toMatchObject({ mode: "panic", replicas: 10 });
    const calm = (now: number) => decide(input({ currentReplicas: 10, readyReplicas: 10, samples: steady(0, 60, now), lastRequestAt: now, state: panic.state, now }));
    expect(calm(T0 + STABLE_WINDOW_MS - 1)).toMatchObject({ mode: "panic", replicas: 10 });
    expect(calm(T0 + STABLE_WINDOW_MS)).toMatchObject({ mode: "stable", replicas: 5 });
    expect(calm(T0 + STABLE_WINDOW_MS).state).toEqual(initialAutoscalerState);
  });

  it("never scales down while panicking, even when the burst asks for fewer than run", () => {
    const panicking = { panicSince: T0 - 1000, overThresholdAt: T0 - 1000, panicReplicas: 8 };
    const d = decide(input({ currentReplicas: 8, readyReplicas: 8, samples: burstOf(2), pending: 2, state: panicking }));
    expect(d).toMatchObject({ mode: "panic", replicas: 8 });
    expect(d.state).toEqual({ panicSince: T0 - 1000, overThresholdAt: T0 - 1000, panicReplicas: 8 });
    // Entering panic from a higher count keeps that count.
    const from = decide(input({ currentReplicas: 3, readyReplicas: 3, samples: burstOf(24), pending: 24 }));
    expect(from).toMatchObject({ mode: "panic", replicas: 6 });
  });

  it("activates at least Min, at most Max, for all that waits", () => {
    const atZero = { currentReplicas: 0, readyReplicas: 0 };
    expect(decide(input({ ...atZero, pending: 1, policy: { ...policy, minReplicas: 0 } }))).toMatchObject({ replicas: 1, reason: "woken by a request waiting at zero replicas" });
    expect(decide(input({ ...atZero, pending: 100, policy: { ...policy, maxReplicas: 3 } })).replicas).toBe(3);
    expect(decide(input({ ...atZero, pending: 4 })).replicas).toBe(1);
    expect(decide(input({ ...atZero, pending: 5 })).replicas).toBe(2);
  });

  it("is idle exactly at the timeout, says for how long, and waits for metrics after a restart", () => {
    const quiet = steady(0, 60, T0);
    const idle = decide(input({ samples: quiet, lastRequestAt: T0 - 300_000 }));
    expect(idle).toMatchObject({ replicas: 0, mode: "idle", reason: "no requests for 5 min (scale to zero after 5 min)" });
    expect(decide(input({ samples: quiet, lastRequestAt: T0 - 300_000, currentReplicas: 0, readyReplicas: 0 })).reason).toBe("idle at zero");
    expect(decide(input({ samples: quiet, lastRequestAt: T0 - 300_000, noScaleDownBefore: T0 + 1 }))).toMatchObject({ replicas: 1, mode: "warm-up", reason: "waiting for a full window of metrics" });
    expect(decide(input({ samples: quiet, lastRequestAt: T0 - 300_000, noScaleDownBefore: T0 })).mode).toBe("idle");
    // A request waiting is never idle, and Min 1 never goes to zero.
    expect(decide(input({ samples: quiet, lastRequestAt: T0 - 300_000, pending: 1 })).mode).not.toBe("idle");
    expect(decide(input({ samples: quiet, lastRequestAt: null, activeSince: null, policy: { ...policy, minReplicas: 1 } })).replicas).toBe(1);
  });

  it("counts idle time from the later of the last request and the last resume", () => {
    expect(decide(input({ samples: [], lastRequestAt: T0 - 400_000, activeSince: T0 - 100_000 })).replicas).toBe(1);
    expect(decide(input({ samples: [], lastRequestAt: T0 - 100_000, activeSince: T0 - 400_000 })).replicas).toBe(1);
    expect(decide(input({ samples: [], lastRequestAt: T0 - 400_000, activeSince: T0 - 300_000 })).replicas).toBe(0);
  });

  it("scales with the stable average, rounding up, within Min and Max, and holds during warm-up", () => {
    expect(decide(input({ currentReplicas: 2, readyReplicas: 2, samples: steady(4.1, 60, T0) })).replicas).toBe(2);
    expect(decide(input({ currentReplicas: 2, readyReplicas: 2, samples: steady(8, 60, T0) })).replicas).toBe(2);
    expect(decide(input({ currentReplicas: 4, readyReplicas: 4, samples: steady(2, 60, T0), policy: { ...policy, minReplicas: 3 } })).replicas).toBe(3);
    expect(decide(input({ currentReplicas: 4, readyReplicas: 4, samples: steady(2, 60, T0), noScaleDownBefore: T0 + 1 }))).toMatchObject({ replicas: 4, mode: "warm-up" });
    // Past warm-up the stable load asks for 1: at most halved per decision, 4 → 2 → 1.
    expect(decide(input({ currentReplicas: 4, readyReplicas: 4, samples: steady(2, 60, T0), noScaleDownBefore: T0 })).replicas).toBe(2);
    expect(decide(input({ currentReplicas: 2, readyReplicas: 2, samples: steady(2, 60, T0) })).replicas).toBe(1);
    expect(decide(input({ currentReplicas: 9, readyReplicas: 9, samples: steady(2, 60, T0) }))).toMatchObject({ replicas: 5, reason: "average load 2.0 over 60 s needs 1 replica at 4 each; at most 9 → 5 at once" });
    // A person's "Scale to zero" is said as such, not as a timeout of 0 s.
    expect(decide(input({ samples: [], lastRequestAt: T0 - 1000, policy: { ...policy, minReplicas: 0, scaleToZeroSeconds: 0 } })).reason).toBe("scale to zero asked for, and no request since");
    // Created or resumed, before any request: the reason says so.
    expect(decide(input({ samples: [], lastRequestAt: null, activeSince: T0 - 30_000, policy: { ...policy, minReplicas: 0 } })).reason).toBe("not idle yet: created or resumed 30 s ago, scale to zero after 5 min");
    expect(decide(input({ currentReplicas: 9, readyReplicas: 9, samples: steady(2, 60, T0), maxScaleDownRate: 3 })).replicas).toBe(3);
    expect(decide(input({ currentReplicas: 1, readyReplicas: 1, samples: steady(7, 60, T0), windows: { stableMs: 10_000, panicMs: 1_000 } }))).toMatchObject({
      replicas: 2,
      reason: "average load 7.0 over 10 s needs 2 replicas at 4 each",
    });
  });

  it("says why for a pause and a fixed count", () => {
    expect(decide(input({ paused: true }))).toEqual({ replicas: 0, mode: "paused", reason: "endpoint is paused", state: initialAutoscalerState });
    expect(decide(input({ policy: { ...policy, autoscaling: false, maxReplicas: 3 } }))).toEqual({ replicas: 3, mode: "fixed", reason: "fixed scaling at 3", state: initialAutoscalerState });
  });
});

describe("decide with replicas that take long to start", () => {
  it("measures panic against ready replicas only, so a starting replica does not raise the bar", () => {
    // Target 2: one ready replica takes 2; a second is starting. A load of 4 is twice the ready capacity.
    const d = decide(input({ policy: { ...policy, targetConcurrency: 2 }, currentReplicas: 2, readyReplicas: 1, samples: burstOf(4), pending: 8 }));
    expect(d).toMatchObject({ mode: "panic", replicas: 4 });
    // With nothing ready yet, capacity counts as one replica's.
    expect(decide(input({ currentReplicas: 3, readyReplicas: 0, samples: burstOf(8), pending: 8 })).mode).toBe("panic");
  });

  it("keeps panicking while the load keeps crossing the threshold, and leaves a stable window after the last crossing", () => {
    const first = decide(input({ samples: burstOf(40), pending: 40 }));
    const again = decide(input({ currentReplicas: 10, readyReplicas: 1, samples: burstOf(40, T0 + 30_000), pending: 40, state: first.state, now: T0 + 30_000 }));
    expect(again.state).toMatchObject({ panicSince: T0, overThresholdAt: T0 + 30_000 });
    const quiet = (now: number) => decide(input({ currentReplicas: 10, readyReplicas: 10, samples: steady(1, 60, now), pending: 1, state: again.state, now }));
    expect(quiet(T0 + 30_000 + STABLE_WINDOW_MS - 1)).toMatchObject({ mode: "panic", replicas: 10 });
    expect(quiet(T0 + 30_000 + STABLE_WINDOW_MS)).toMatchObject({ mode: "stable", replicas: 5 });
  });

  it("does not drain a starting replica while the endpoint is not idle, and drains it once idle past the timeout", () => {
    const starting = { currentReplicas: 5, readyReplicas: 1, samples: steady(1, 60, T0), pending: 1 };
    const held = decide(input(starting));
    expect(held).toMatchObject({ mode: "stable", replicas: 5 });
    expect(held.reason).toMatch(/^holding 4 starting replica\(s\) until ready/);
    // Once they are ready, the same load lets them go, at most halving.
    expect(decide(input({ ...starting, readyReplicas: 5 })).replicas).toBe(3);
    // Idle past the timeout: to zero, starting or not.
    expect(decide(input({ ...starting, samples: steady(0, 60, T0), pending: 0, lastRequestAt: T0 - 300_000 }))).toMatchObject({ mode: "idle", replicas: 0 });
  });
});

describe("decide knowing how long a replica takes to start", () => {
  // One ready replica (capacity 4), and a burst of 12 in flight for the last 10 s.
  const burst = [...steady(0, 50, T0 - 10_000), ...steady(12, 10, T0)];

  it("panics on a burst of seconds when replicas start in seconds", () => {
    expect(decide(input({ samples: burst, pending: 12, startupMs: 5_000 }))).toMatchObject({ mode: "panic", replicas: 3 });
  });

  it("lets a burst shorter than half a startup pass when replicas take two minutes to start", () => {
    // Over a 60 s panic window (half of 120 s) the burst averages 2: no replica started for it.
    expect(decide(input({ samples: burst, pending: 12, startupMs: 120_000 }))).toMatchObject({ mode: "stable", replicas: 1 });
  });

  it("sizes a long-start panic by the window's load, not by this instant's backlog", () => {
    // 40 in flight on average over the last minute, 400 this instant: ten replicas, not a hundred.
    const d = decide(input({ samples: steady(40, 60, T0), pending: 400, startupMs: 120_000 }));
    expect(d).toMatchObject({ mode: "panic", replicas: 10 });
  });
});

describe("a step against a blip, with starts of seconds", () => {
  const policy2 = { ...policy, targetConcurrency: 2 };
  it("panics at once on a step from a window already at capacity", () => {
    // One replica of 2, at 2 for the last 6 s; 8 in flight now.
    expect(decide(input({ policy: policy2, samples: steady(2, 60, T0), pending: 8, startupMs: 2_000 }))).toMatchObject({ mode: "panic", replicas: 4 });
  });

  it("lets an instant of 8 pass when the window ran below capacity", () => {
    expect(decide(input({ policy: policy2, samples: steady(1.5, 60, T0), pending: 8, startupMs: 2_000 })).mode).toBe("stable");
  });
});
