import { describe, expect, it } from "vitest";
import {
  decide,
  initialAutoscalerState,
  PANIC_WINDOW_MS,
  STABLE_WINDOW_MS,
  type AutoscalerState,
  type DecideInput,
  type LoadSample,
} from "@/lib/autoscaler/autoscaler";
import type { ScalingPolicy } from "@/lib/domain/policy";

const policy: ScalingPolicy = { autoscaling: true, minReplicas: 0, maxReplicas: 10, scaleToZeroSeconds: 300, targetConcurrency: 4 };
const T0 = 1_000_000;

/** One sample per second for `seconds` seconds ending at `now`, each at `concurrency`. */
function steady(concurrency: number, seconds: number, now: number): LoadSample[] {
  return Array.from({ length: seconds }, (_, i) => ({ at: now - (seconds - 1 - i) * 1000, concurrency }));
}

function input(overrides: Partial<DecideInput>): DecideInput {
  return {
    policy,
    paused: false,
    currentReplicas: 1,
    readyReplicas: 1,
    samples: [],
    pending: 0,
    lastRequestAt: T0,
    noScaleDownBefore: 0,
    state: initialAutoscalerState,
    now: T0,
    ...overrides,
  };
}

/** Runs the autoscaler second by second, as the controller does, with load given per second. */
function simulate(load: (second: number) => number, seconds: number, start: Partial<DecideInput> = {}) {
  let state: AutoscalerState = initialAutoscalerState;
  let replicas = start.currentReplicas ?? 1;
  const samples: LoadSample[] = [];
  const history: number[] = [];
  let lastRequestAt: number | null = start.lastRequestAt ?? null;
  for (let s = 0; s < seconds; s++) {
    const now = T0 + s * 1000;
    const concurrency = load(s);
    samples.push({ at: now, concurrency });
    if (concurrency > 0) lastRequestAt = now;
    const d = decide(input({ ...start, currentReplicas: replicas, readyReplicas: replicas, samples, pending: concurrency, lastRequestAt, state, now }));
    state = d.state;
    replicas = d.replicas;
    history.push(replicas);
  }
  return history;
}

describe("decide", () => {
  it("keeps enough replicas for the stable load at the target concurrency", () => {
    const d = decide(input({ currentReplicas: 3, readyReplicas: 3, samples: steady(10, 60, T0), pending: 10 }));
    expect(d).toMatchObject({ replicas: 3, mode: "stable" });
  });

  it("clamps to max and to min", () => {
    const high = decide(input({ currentReplicas: 10, readyReplicas: 10, samples: steady(400, 60, T0), pending: 400 }));
    expect(high.replicas).toBe(10);
    const low = decide(input({ policy: { ...policy, minReplicas: 2 }, currentReplicas: 2, readyReplicas: 2, samples: steady(0, 60, T0) }));
    expect(low.replicas).toBe(2);
  });

  it("panics at twice the current capacity: scales up at once and never down while panicking", () => {
    // 1 replica × 4 = capacity 4; a burst of 12 over the panic window is ≥ 2×.
    const samples = [...steady(0, 54, T0 - PANIC_WINDOW_MS), ...steady(12, 6, T0)];
    const burst = decide(input({ samples, pending: 12 }));
    expect(burst).toMatchObject({ mode: "panic", replicas: 3 });
    expect(burst.state.panicSince).toBe(T0);

    // The burst ends 10 s later, but panic holds the count until a stable window has passed.
    const later = T0 + 10_000;
    const calm = decide(input({ currentReplicas: 3, readyReplicas: 3, samples: [...samples, ...steady(0, 10, later)], pending: 0, state: burst.state, now: later }));
    expect(calm).toMatchObject({ mode: "panic", replicas: 3 });

    // A full stable window after the load was last over the threshold, with the load gone, it scales back
    // down, halving at most per decision.
    const end = T0 + STABLE_WINDOW_MS;
    const stillPanicking = decide(input({ currentReplicas: 3, readyReplicas: 3, samples: steady(1, 60, end - 1), pending: 1, lastRequestAt: end, state: calm.state, now: end - 1 }));
    expect(stillPanicking).toMatchObject({ mode: "panic", replicas: 3 });
    const after = decide(input({ currentReplicas: 3, readyReplicas: 3, samples: steady(1, 60, end), pending: 1, lastRequestAt: end, state: calm.state, now: end }));
    expect(after).toMatchObject({ mode: "stable", replicas: 2 });
    const next = decide(input({ currentReplicas: 2, readyReplicas: 2, samples: steady(1, 60, end + 1000), pending: 1, lastRequestAt: end, state: after.state, now: end + 1000 }));
    expect(next).toMatchObject({ mode: "stable", replicas: 1 });
  });

  it("does not panic below twice the capacity", () => {
    const samples = [...steady(0, 54, T0 - PANIC_WINDOW_MS), ...steady(7, 6, T0)];
    expect(decide(input({ samples, pending: 7 })).mode).toBe("stable");
  });

  it("scales to zero after the idle timeout with min 0, and not before", () => {
    const idle = steady(0, 60, T0);
    expect(decide(input({ samples: idle, lastRequestAt: T0 - 299_000 })).replicas).toBe(1);
    expect(decide(input({ samples: idle, lastRequestAt: T0 - 300_000 }))).toMatchObject({ replicas: 0, mode: "idle" });
    expect(decide(input({ policy: { ...policy, minReplicas: 1 }, samples: idle, lastRequestAt: T0 - 900_000 })).replicas).toBe(1);
  });

  it("runs one replica for a new or resumed Min-0 endpoint until it has been idle for the timeout", () => {
    const fresh = { currentReplicas: 0, readyReplicas: 0, lastRequestAt: null, activeSince: T0 };
    expect(decide(input({ ...fresh, now: T0 })).replicas).toBe(1);
    expect(decide(input({ ...fresh, currentReplicas: 1, now: T0 + 299_000 })).replicas).toBe(1);
    expect(decide(input({ ...fresh, currentReplicas: 1, now: T0 + 300_000 }))).toMatchObject({ replicas: 0, mode: "idle" });
    // Long since created, never asked: it stays at zero.
    expect(decide(input({ ...fresh, now: T0 + 3_600_000 })).replicas).toBe(0);
  });

  it("activates from zero as soon as a request waits", () => {
    const d = decide(input({ currentReplicas: 0, readyReplicas: 0, pending: 1, lastRequestAt: T0 }));
    expect(d).toMatchObject({ replicas: 1, mode: "activate" });
    const many = decide(input({ currentReplicas: 0, readyReplicas: 0, pending: 9, lastRequestAt: T0 }));
    expect(many.replicas).toBe(3);
    const nothing = decide(input({ currentReplicas: 0, readyReplicas: 0, pending: 0, lastRequestAt: null }));
    expect(nothing.replicas).toBe(0);
  });

  it("runs a fixed count when autoscaling is off, whatever the load", () => {
    const fixed = { ...policy, autoscaling: false, minReplicas: 4, maxReplicas: 4 };
    expect(decide(input({ policy: fixed, samples: steady(100, 60, T0), pending: 100 }))).toMatchObject({ replicas: 4, mode: "fixed" });
    expect(decide(input({ policy: fixed, currentReplicas: 0, lastRequestAt: null })).replicas).toBe(4);
  });

  it("runs zero replicas when paused, even with requests waiting", () => {
    expect(decide(input({ paused: true, pending: 50, samples: steady(50, 60, T0) }))).toMatchObject({ replicas: 0, mode: "paused" });
  });

  it("never scales down during warm-up after a restart", () => {
    const d = decide(input({ currentReplicas: 5, readyReplicas: 5, samples: steady(0, 5, T0), lastRequestAt: null, noScaleDownBefore: T0 + 1 }));
    expect(d).toMatchObject({ replicas: 5, mode: "warm-up" });
    const up = decide(input({ currentReplicas: 1, readyReplicas: 1, samples: steady(40, 60, T0), pending: 40, noScaleDownBefore: T0 + 1 }));
    expect(up.replicas).toBeGreaterThan(1);
  });

  it("follows a burst up and back down to zero in simulated time", () => {
    // 30 s of quiet, 60 s at 20 concurrent, then silence; idle timeout 300 s.
    const load = (s: number) => (s >= 30 && s < 90 ? 20 : 0);
    const history = simulate(load, 500, { currentReplicas: 0, lastRequestAt: null });
    expect(history[29]).toBe(0);
    expect(Math.max(...history.slice(30, 90))).toBe(5);
    expect(history[30]).toBeGreaterThanOrEqual(1); // activation at the first request
    expect(history[200]).toBeGreaterThanOrEqual(1); // not idle long enough yet
    expect(history.at(-1)).toBe(0); // 300 s after the last request
    const firstZero = history.findIndex((r, i) => i > 90 && r === 0);
    expect(firstZero).toBe(89 + 300);
  });
});
