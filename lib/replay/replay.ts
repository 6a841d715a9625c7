import { decide, initialAutoscalerState, PANIC_WINDOW_MS, STABLE_WINDOW_MS, type AutoscalerState, type LoadSample } from "@/lib/autoscaler/autoscaler";
import type { ScalingPolicy } from "@/lib/domain/policy";
import { LoadTracker } from "@/lib/gateway/load";
import { scheduledState, type Schedule } from "@/lib/domain/schedule";
import { AUTO_GAPS_KEPT, AUTO_TIMEOUT_CEILING_MS, AUTO_TIMEOUT_FLOOR_MS, autoTimeout, defaultColdStartWorthMs } from "@/lib/domain/auto-timeout";

/**
 * An endpoint's traffic replayed under a policy, in simulated time, through the same `decide()` the
 * controller calls, tick by tick: the gateway's part (least-busy routing, requests held at zero, and
 * its own `LoadTracker` on a simulated clock), the provider's part (a replica is billed from its start and serves after the cold
 * start; the surplus is drained starting ones first, then the least busy) and the ledger's part (the
 * replicas asked for are billed, storage while at zero). Pure: no clock, no I/O.
 */

export interface ReplayRequest {
  /** Arrival, in milliseconds. */
  at: number;
  /** How long a replica takes to answer it, in milliseconds. */
  serviceMs: number;
}

export interface ReplayOptions {
  policy: ScalingPolicy;
  /** From a replica's start until it serves. */
  coldStartMs: number;
  pricePerHour: number;
  storagePricePerHour: number;
  /** The controller's tick, and the gateway's sampling period. */
  tickMs?: number;
  windows?: { stableMs: number; panicMs: number };
  maxScaleDownRate?: number;
  /** The replay runs over [from, to): by default from the first arrival until the replicas have settled after the last. */
  from?: number;
  to?: number;
  /** Replicas ready at `from` (an endpoint already running when the replayed period begins). */
  initialReplicas?: number;
  /**
   * When the endpoint was created or last resumed, if in the period: it runs a replica until idle from
   * then. With replicas at `from`, `from` itself (they ran for activity just before, unknown to the replay).
   */
  activeSince?: number | null;
  /** When it runs: outside its windows it is paused (no replica, requests refused), as the controller does it. */
  schedule?: Schedule | null;
}

export interface ReplayResult {
  requests: number;
  /** Replica-seconds asked for (starting or ready): what the ledger bills. */
  replicaSeconds: number;
  /** Replica-seconds of replicas stopped before they were ever ready: paid for, never served. */
  wastedSeconds: number;
  replicaStarts: number;
  /** Starts stopped before ready. */
  startsCancelled: number;
  /** Starts from zero replicas. */
  coldStarts: number;
  /** Requests that found no ready replica and were held for a start. */
  delayedRequests: number;
  /** Requests that arrived while the schedule had the endpoint paused: refused, not served. */
  refusedRequests: number;
  delayP50Ms: number | null;
  delayP99Ms: number | null;
  computeCost: number;
  storageCost: number;
  peakReplicas: number;
}

interface SimulatedReplica {
  startedAt: number;
  readyAt: number;
  inFlight: number;
  draining: boolean;
}

/** Milliseconds by which the replicas have settled after the last arrival: idle timeout, windows, a start. */
function settleMs(options: ReplayOptions, stableMs: number): number {
  const timeoutMs = options.policy.scaleToZeroAuto ? AUTO_TIMEOUT_CEILING_MS : options.policy.scaleToZeroSeconds * 1000;
  return Math.max(timeoutMs, stableMs) + options.coldStartMs + 2 * (options.tickMs ?? 1000);
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

export function replay(requests: ReplayRequest[], options: ReplayOptions): ReplayResult {
  const tickMs = options.tickMs ?? 1000;
  const windows = options.windows ?? { stableMs: STABLE_WINDOW_MS, panicMs: PANIC_WINDOW_MS };
  const from = options.from ?? requests[0]?.at ?? 0;
  let activeSince = options.activeSince ?? ((options.initialReplicas ?? 0) > 0 ? from : null);
  // The schedule's state, read once a minute (its windows start and end on minutes).
  const byMinute = new Map<number, boolean>();
  const running = (t: number): boolean => {
    if (!options.schedule) return true;
    const minute = Math.floor(t / 60_000);
    let value = byMinute.get(minute);
    if (value === undefined) byMinute.set(minute, (value = scheduledState(options.schedule, new Date(minute * 60_000)) === "running"));
    return value;
  };
  let wasRunning = running(from);
  const to = options.to ?? (requests.at(-1)?.at ?? from) + settleMs(options, windows.stableMs);

  // The gateway's load accounting, on the replay's clock, for its one endpoint.
  let clock = from;
  const load = new LoadTracker(() => clock);
  const ENDPOINT = "replayed";
  let window: LoadSample[] = [];

  let live: SimulatedReplica[] = Array.from({ length: options.initialReplicas ?? 0 }, () => ({ startedAt: from, readyAt: from, inFlight: 0, draining: false }));
  // Request completions, sorted by time; `backlog` for those that waited for a start.
  const ends: Array<{ at: number; replica: SimulatedReplica; backlog: boolean }> = [];
  const held: ReplayRequest[] = [];
  const delays: number[] = [];
  let next = 0;
  let state: AutoscalerState = initialAutoscalerState;
  // The policy as decided on: with Auto, its timeout learned from the gaps seen so far, as the controller learns it.
  let policy = options.policy;
  const gaps: number[] = [];
  let lastArrival: number | null = null;
  const worthMs = options.policy.coldStartWorthMinutes ? options.policy.coldStartWorthMinutes * 60_000 : defaultColdStartWorthMs(options.coldStartMs);
  const learnGap = (at: number) => {
    const gap = lastArrival === null ? 0 : at - lastArrival;
    lastArrival = at;
    if (!options.policy.scaleToZeroAuto || gap <= AUTO_TIMEOUT_FLOOR_MS) return;
    gaps.push(gap);
    if (gaps.length > AUTO_GAPS_KEPT) gaps.shift();
    policy = { ...options.policy, scaleToZeroSeconds: autoTimeout(gaps, worthMs, options.policy.scaleToZeroSeconds * 1000).timeoutMs / 1000 };
  };
  const result: ReplayResult = {
    requests: 0,
    replicaSeconds: 0,
    wastedSeconds: 0,
    replicaStarts: 0,
    startsCancelled: 0,
    coldStarts: 0,
    delayedRequests: 0,
    refusedRequests: 0,
    delayP50Ms: null,
    delayP99Ms: null,
    computeCost: 0,
    storageCost: 0,
    peakReplicas: 0,
  };

  const active = () => live.filter((r) => !r.draining);
  const leastBusyReady = (t: number) => {
    let best: SimulatedReplica | null = null;
    for (const r of live) if (!r.draining && r.readyAt <= t && (!best || r.inFlight < best.inFlight)) best = r;
    return best;
  };
  const serve = (request: ReplayRequest, t: number, replica: SimulatedReplica, backlog = false) => {
    replica.inFlight++;
    const end = { at: t + request.serviceMs, replica, backlog };
    let i = ends.length;
    while (i > 0 && ends[i - 1]!.at > end.at) i--;
    ends.splice(i, 0, end);
  };
  const stop = (replica: SimulatedReplica) => {
    live = live.filter((r) => r !== replica);
  };

  /** One decision, as the controller takes it, and the provider moved to it; returns the replicas asked for. */
  const reconcile = (t: number): number => {
    const current = active().length;
    const ready = active().filter((r) => r.readyAt <= t).length;
    const decision = decide({
      policy,
      paused: !running(t),
      currentReplicas: current,
      readyReplicas: ready,
      samples: window,
      pending: load.pending(ENDPOINT),
      lastRequestAt: load.lastRequestAt(ENDPOINT),
      activeSince,
      noScaleDownBefore: 0,
      state,
      now: t,
      windows,
      maxScaleDownRate: options.maxScaleDownRate,
      startupMs: options.coldStartMs,
    });
    state = decision.state;
    if (current === 0 && decision.replicas > 0) result.coldStarts++;
    scaleTo(decision.replicas, t);
    return decision.replicas;
  };

  /** Everything that happens up to `t`: completions, replicas becoming ready for held requests, arrivals. */
  const advanceTo = (t: number) => {
    for (;;) {
      const nextEnd = ends[0]?.at ?? Infinity;
      const nextArrival = next < requests.length ? requests[next]!.at : Infinity;
      const nextReady = held.length > 0 ? Math.min(...active().map((r) => r.readyAt)) : Infinity;
      const at = Math.min(nextEnd, nextArrival, nextReady);
      if (at > t) return;
      clock = at;
      if (at === nextEnd) {
        const { replica, backlog } = ends.shift()!;
        load.end(ENDPOINT);
        if (backlog) load.released(ENDPOINT);
        replica.inFlight--;
        if (replica.draining && replica.inFlight === 0) stop(replica);
      } else if (at === nextReady) {
        for (const request of held.splice(0)) {
          delays.push(at - request.at);
          serve(request, at, leastBusyReady(at)!, true);
        }
      } else {
        const request = requests[next++]!;
        result.requests++;
        if (!running(request.at)) {
          result.refusedRequests++;
          continue;
        }
        learnGap(request.at);
        load.begin(ENDPOINT);
        const replica = leastBusyReady(request.at);
        if (replica) serve(request, request.at, replica);
        else {
          held.push(request);
          load.held(ENDPOINT);
          // The gateway asks the controller to reconcile at once when a request waits at zero (after
          // the requests of the same instant), as `activate()` does.
          const sameInstant = next < requests.length && requests[next]!.at === request.at;
          if (active().length === 0 && !sameInstant) reconcile(request.at);
        }
      }
    }
  };

  const scaleTo = (count: number, t: number) => {
    const running = active();
    for (let i = running.length; i < count; i++) {
      live.push({ startedAt: t, readyAt: t + options.coldStartMs, inFlight: 0, draining: false });
      result.replicaStarts++;
    }
    if (running.length <= count) return;
    const surplus = [...running]
      .sort((a, b) => {
        const aStarting = a.readyAt > t;
        const bStarting = b.readyAt > t;
        return aStarting === bStarting ? a.inFlight - b.inFlight : aStarting ? -1 : 1;
      })
      .slice(0, running.length - count);
    for (const replica of surplus) {
      replica.draining = true;
      if (replica.readyAt > t) {
        result.startsCancelled++;
        result.wastedSeconds += (t - replica.startedAt) / 1000;
      }
      if (replica.inFlight === 0) stop(replica);
    }
  };

  /** The ledger: what was asked for over the time, storage while at zero. */
  const bill = (replicas: number, ms: number) => {
    const hours = ms / 3_600_000;
    result.replicaSeconds += (replicas * ms) / 1000;
    result.computeCost += replicas * hours * options.pricePerHour;
    if (replicas === 0) result.storageCost += hours * options.storagePricePerHour;
    result.peakReplicas = Math.max(result.peakReplicas, replicas);
  };
  const lastActivity = () => Math.max(load.lastRequestAt(ENDPOINT) ?? -Infinity, activeSince ?? -Infinity);

  /** The count each decision keeps while no request arrives, when nothing is in flight, starting or in the windows; else null. */
  const steadyCount = (t: number): number | null => {
    if (ends.length > 0 || held.length > 0 || state.panicSince !== null || window.some((s) => s.concurrency > 0)) return null;
    if (live.some((r) => r.draining || r.readyAt > t)) return null;
    if (!running(t)) return live.length === 0 ? 0 : null;
    const { autoscaling, minReplicas, maxReplicas, scaleToZeroSeconds } = policy;
    if (!autoscaling) return live.length === maxReplicas ? maxReplicas : null;
    if (live.length === 0) return minReplicas === 0 && t - lastActivity() >= scaleToZeroSeconds * 1000 ? 0 : null;
    return live.length === Math.min(maxReplicas, Math.max(1, minReplicas)) ? live.length : null;
  };

  for (let t = from + tickMs; t <= to; t += tickMs) {
    // Idle with nothing in the windows: every tick until the idle timeout, or until a stable window
    // before the next arrival, decides the same count, so they are skipped and billed at that count
    // (a week of a sparse endpoint is mostly this); the last window of ticks runs, so the arrival
    // finds the windows as the controller would.
    const steady = steadyCount(t);
    if (steady !== null) {
      const nextTick = next < requests.length ? from + Math.ceil((requests[next]!.at - from) / tickMs) * tickMs : to + tickMs;
      let until = Math.min(nextTick, to + tickMs) - windows.stableMs;
      if (steady > 0 && policy.autoscaling && policy.minReplicas === 0) until = Math.min(until, lastActivity() + policy.scaleToZeroSeconds * 1000);
      // With a schedule, a minute at a time: the tick at a window's edge runs.
      if (options.schedule) until = Math.min(until, (Math.floor(t / 60_000) + 1) * 60_000);
      const skipped = Math.floor((until - t) / tickMs);
      if (skipped > 0) {
        bill(steady, skipped * tickMs);
        t += skipped * tickMs;
      }
    }
    advanceTo(t);
    clock = t;
    // A schedule that resumes the endpoint makes it new again: a replica until idle, as the controller does.
    const runningNow = running(t);
    if (runningNow && !wasRunning) activeSince = t;
    wasRunning = runningNow;
    window = load.sampleAll(windows.stableMs).get(ENDPOINT) ?? [];

    bill(reconcile(t), tickMs);
  }

  result.delayedRequests = delays.length;
  const sorted = delays.sort((a, b) => a - b);
  result.delayP50Ms = percentile(sorted, 0.5);
  result.delayP99Ms = percentile(sorted, 0.99);
  return result;
}
