import type { ScalingPolicy } from "@/lib/domain/policy";
import type { LoadSample } from "@/lib/domain/load";

/**
 * The autoscaler's decision, in the manner of Knative's KPA: a pure function of the policy, the recent
 * load and the time. No clock and no I/O, so the same code drives live scaling and simulated time.
 */

export const STABLE_WINDOW_MS = 60_000;
export const PANIC_WINDOW_MS = 6_000;
/** Panic when the load over the panic window reaches this multiple of the ready replicas' capacity. */
export const PANIC_THRESHOLD = 2;
/** Outside panic, one decision at most divides the replicas by this (Knative's max-scale-down-rate). */
export const MAX_SCALE_DOWN_RATE = 2;

export type { LoadSample };

export interface AutoscalerState {
  /** When panic mode began; null when not panicking. */
  panicSince: number | null;
  /** The last decision whose load was over the panic threshold: panic ends a stable window after it. */
  overThresholdAt: number | null;
  /** The highest count asked for while panicking: panic never scales down. */
  panicReplicas: number;
}

export const initialAutoscalerState: AutoscalerState = { panicSince: null, overThresholdAt: null, panicReplicas: 0 };

export interface DecideInput {
  policy: ScalingPolicy;
  paused: boolean;
  /** Replicas currently asked for (starting or ready). */
  currentReplicas: number;
  /** Replicas currently serving. */
  readyReplicas: number;
  /** Requests in flight at the replicas, averaged per period; requests held for a cold start are not in them. */
  samples: LoadSample[];
  /** Requests in flight or waiting (held for a cold start) right now. */
  pending: number;
  /** Last time a request arrived, or null if none since the controller started. */
  lastRequestAt: number | null;
  /**
   * When the endpoint was created or last resumed. As on Hugging Face, a new or resumed endpoint runs a
   * replica until it has been idle for its scale-to-zero timeout, rather than waiting at zero.
   */
  activeSince?: number | null;
  /** Before this time the decision never scales down (metrics are not back after a restart). */
  noScaleDownBefore: number;
  state: AutoscalerState;
  now: number;
  /** The windows, compressed in tests and replays; Knative's 60 s and 6 s by default. */
  windows?: { stableMs: number; panicMs: number };
  /** Outside panic, one decision at most divides the replicas by this; `MAX_SCALE_DOWN_RATE` by default. */
  maxScaleDownRate?: number;
  /** How long a replica of this endpoint takes to become ready (measured); 0 when not known yet. */
  startupMs?: number;
}

export type DecisionMode = "paused" | "fixed" | "stable" | "panic" | "idle" | "activate" | "warm-up";

export interface Decision {
  replicas: number;
  mode: DecisionMode;
  reason: string;
  state: AutoscalerState;
}

function averageOver(samples: LoadSample[], windowMs: number, now: number): number {
  const inWindow = samples.filter((s) => s.at > now - windowMs && s.at <= now);
  if (inWindow.length === 0) return 0;
  return inWindow.reduce((sum, s) => sum + s.concurrency, 0) / inWindow.length;
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/** "45 s", "15 min", "2 h": durations in reasons, as a person says them. */
export function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(seconds < 36_000 ? 1 : 0)} h`;
}

export function decide(input: DecideInput): Decision {
  const { policy, now } = input;
  const calm = initialAutoscalerState;

  if (input.paused) return { replicas: 0, mode: "paused", reason: "endpoint is paused", state: calm };
  if (!policy.autoscaling) {
    return { replicas: policy.maxReplicas, mode: "fixed", reason: `fixed scaling at ${policy.maxReplicas}`, state: calm };
  }

  const target = policy.targetConcurrency;
  const { stableMs, panicMs } = input.windows ?? { stableMs: STABLE_WINDOW_MS, panicMs: PANIC_WINDOW_MS };
  // A burst must last half a replica's startup before panic starts replicas for it: one shorter is
  // over before they serve, and they are paid for all the same. (Knative's 6 s assume starts of seconds.)
  const startupMs = input.startupMs ?? 0;
  const panicWindow = clamp(startupMs / 2, panicMs, stableMs);
  const stable = averageOver(input.samples, stableMs, now);
  const panicLoad = averageOver(input.samples, panicWindow, now);
  const stableWant = Math.ceil(stable / target);
  const waitingWant = Math.ceil(Math.max(panicLoad, input.pending) / target);
  // With starts of seconds, panic also reacts to what is in flight this instant; with a longer start,
  // only to what the (longer) panic window saw: an instant's backlog is gone before the replicas serve.
  const quickStart = panicWindow === panicMs;
  const burstLoad = quickStart ? Math.max(panicLoad, input.pending) : panicLoad;
  const panicWant = Math.ceil(burstLoad / target);

  // Activation: a request is waiting and nothing runs. Start at once, for all that waits.
  if (input.currentReplicas === 0) {
    if (input.pending > 0) {
      const replicas = clamp(Math.max(1, waitingWant), Math.max(1, policy.minReplicas), policy.maxReplicas);
      return { replicas, mode: "activate", reason: `woken by ${input.pending === 1 ? "a request" : `${input.pending} requests`} waiting at zero replicas`, state: calm };
    }
  }

  // Panic: the burst load has reached twice what the ready replicas can take. Starting
  // replicas are not capacity yet: counting them would raise the bar while a burst waits for them.
  const capacity = Math.max(1, input.readyReplicas) * target;
  // An instant over the threshold counts when the window already ran at capacity (a step, not a blip).
  const overThreshold =
    input.currentReplicas > 0 &&
    burstLoad > 0 &&
    (panicLoad >= PANIC_THRESHOLD * capacity || (burstLoad >= PANIC_THRESHOLD * capacity && panicLoad >= capacity));
  let state: AutoscalerState = input.state;
  if (overThreshold) {
    state = { ...state, panicSince: state.panicSince ?? now, overThresholdAt: now, panicReplicas: Math.max(state.panicReplicas, panicWant) };
  } else if (state.panicSince !== null && now - (state.overThresholdAt ?? state.panicSince) >= stableMs) {
    // Leave panic a whole stable window after the load was last over the threshold (as Knative does).
    state = calm;
  }

  if (state.panicSince !== null) {
    const want = Math.max(input.currentReplicas, state.panicReplicas, panicWant);
    const replicas = clamp(want, policy.minReplicas, policy.maxReplicas);
    state = { ...state, panicReplicas: replicas };
    return { replicas, mode: "panic", reason: `panic: load ${burstLoad.toFixed(1)} ≥ ${PANIC_THRESHOLD}× capacity ${capacity}`, state };
  }

  // Idle long enough with min 0: scale to zero.
  const lastActivity = Math.max(input.lastRequestAt ?? -Infinity, input.activeSince ?? -Infinity);
  const idleFor = lastActivity === -Infinity ? Infinity : now - lastActivity;
  if (policy.minReplicas === 0 && input.pending === 0 && idleFor >= policy.scaleToZeroSeconds * 1000) {
    if (input.currentReplicas > 0 && now < input.noScaleDownBefore) {
      return { replicas: input.currentReplicas, mode: "warm-up", reason: "waiting for a full window of metrics", state };
    }
    // A timeout of zero is a person's "Scale to zero" (the policy's own is a minute at least).
    const reason =
      policy.scaleToZeroSeconds === 0
        ? "scale to zero asked for, and no request since"
        : `no requests for ${formatSeconds(Math.min(idleFor, 1e12) / 1000)} (scale to zero after ${formatSeconds(policy.scaleToZeroSeconds)})`;
    return { replicas: 0, mode: "idle", reason: input.currentReplicas > 0 ? reason : "idle at zero", state };
  }

  // Stable: enough replicas for the average load of the last minute; keep one while not yet idle.
  // (Past the idle branch, a Min-0 endpoint is not idle: one replica, also when just created or resumed.)
  const floor = Math.max(1, policy.minReplicas);
  let replicas = clamp(stableWant, floor, policy.maxReplicas);
  const load = `average load ${stable.toFixed(1)} over ${stableMs / 1000} s`;
  let reason =
    stableWant > policy.maxReplicas
      ? `${load} needs ${stableWant} replicas at ${target} each; Max Accels is ${policy.maxReplicas}`
      : stableWant >= floor
        ? `${load} needs ${stableWant} replica${stableWant === 1 ? "" : "s"} at ${target} each`
        : policy.minReplicas > 0
          ? `${load}; Min Accels is ${policy.minReplicas}`
          : // Min 0 and not idle yet: one replica until the timeout has passed with no request.
            `not idle yet: ${lastActivity === input.activeSince ? "created or resumed" : "last request"} ${formatSeconds(Math.min(idleFor, 1e12) / 1000)} ago, scale to zero after ${formatSeconds(policy.scaleToZeroSeconds)}`;
  if (replicas < input.currentReplicas) {
    if (now < input.noScaleDownBefore) {
      return { replicas: input.currentReplicas, mode: "warm-up", reason: "waiting for a full window of metrics", state };
    }
    if (input.readyReplicas < input.currentReplicas) {
      // A replica still starting was asked for by load that has not gone away (the endpoint is not idle):
      // cancelling it now wastes the time it has loaded, and the next burst starts it again from nothing.
      replicas = input.currentReplicas;
      reason = `holding ${input.currentReplicas - input.readyReplicas} starting replica(s) until ready; ${reason}`;
    } else {
      const rate = input.maxScaleDownRate ?? MAX_SCALE_DOWN_RATE;
      const limited = Math.ceil(input.currentReplicas / rate);
      if (limited > replicas) reason = `${reason}; at most ${input.currentReplicas} → ${limited} at once`;
      replicas = Math.max(replicas, limited);
    }
  }
  replicas = clamp(replicas, policy.minReplicas, policy.maxReplicas);
  return { replicas, mode: "stable", reason, state };
}
