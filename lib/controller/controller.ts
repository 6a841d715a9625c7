import { setTimeout as sleep, setImmediate as yieldToEventLoop } from "node:timers/promises";
import { decide, initialAutoscalerState, PANIC_WINDOW_MS, STABLE_WINDOW_MS, type AutoscalerState, type LoadSample } from "@/lib/autoscaler/autoscaler";
import { policyOfRow, type ScalingPolicy } from "@/lib/domain/policy";
import type { LoadTracker } from "@/lib/gateway/load";
import type { RequestStats } from "@/lib/gateway/stats";
import type { LocalProvider, ProviderEvent } from "@/lib/providers/local/provider";
import type { ReplicaSpec } from "@/lib/providers/local/replica";
import type { KubernetesReplicaSets } from "@/lib/providers/kubernetes/provider";
import { findRuntime } from "@/lib/runtimes/catalog";
import { storedRuntime } from "@/lib/runtimes/stored";
import type { Leadership } from "./leader";
import { enforceBudgets } from "@/lib/costs/budget-check";
import { rollUpEndpoint } from "@/lib/costs/rollup";
import type { HuggingFaceSyncOptions } from "./huggingface-sync";
import { createExternalSyncs, type ExternalSync } from "./external-syncs";
import { replicasByEbb } from "@/lib/domain/providers";
import { applySchedules } from "./schedules";
import * as store from "./store";
import { UsageSampler, type ReplicaUsageRow } from "./usage-sampler";
import { REQUEST_LOG_RETENTION_DAYS } from "@/lib/domain/request-log";
import { AUTO_GAPS_KEPT, AUTO_HISTORY_MS, AUTO_MIN_GAPS, AUTO_TIMEOUT_FLOOR_MS, autoTimeout, defaultColdStartWorthMs } from "@/lib/domain/auto-timeout";
import { idleGaps, measuredStartMs } from "@/lib/history/traffic";
import { AUTOSCALER, CONTROLLER, PROVIDER, recordEvent, recordStateChange } from "@/lib/events/record";

export interface ControllerOptions {
  provider: LocalProvider;
  /** Replicas of endpoints on the `kubernetes` provider, in their organizations' clusters. */
  clusters?: KubernetesReplicaSets;
  load: LoadTracker;
  stats: RequestStats;
  leadership: Leadership;
  tickMs?: number;
  /** How often replica counts are written even when unchanged. */
  sampleEveryMs?: number;
  /** How often gateway traffic is written to the database. */
  flushEveryMs?: number;
  /** After adopting replicas on start, how long nothing is scaled down (metrics are not back yet). */
  warmUpMs?: number;
  /** Consecutive failed starts after which the endpoint shows as failed. */
  failedAfter?: number;
  /** How often closed minutes are rolled up into the metrics and cost tables. */
  rollupEveryMs?: number;
  /** How long raw samples and request counts are kept (their rollups stay). */
  rawRetentionMs?: number;
  /** How often Auto scale-to-zero timeouts are learned again from the idle gaps (at once after a policy change). */
  learnEveryMs?: number;
  /** The autoscaler's stable and panic windows (compressed for replays and tests). */
  windows?: { stableMs: number; panicMs: number };
  /** Polling and retry timings of the Hugging Face endpoints. */
  huggingface?: HuggingFaceSyncOptions;
  /** Told how long each reconcile pass took, in seconds (a metric). */
  onReconciled?: (seconds: number) => void;
}

/** How the controller sees an endpoint's replicas, wherever they run. */
interface ReplicaBackend {
  active(): number;
  ready(): number;
  scaleTo(count: number, now: number): void;
  failure(): { count: number; lastMessage: string } | null;
  /** Whether anything of it still runs (a deleted endpoint is gone once nothing does). */
  remaining(): boolean;
}

interface EndpointRuntimeState {
  autoscaler: AutoscalerState;
  /** How long its last replica took from start to ready: the autoscaler weighs bursts against it. */
  startupMs: number;
  target: number | null;
  coldStartSince: number | null;
  lastSample: { at: number; ready: number; target: number } | null;
  noScaleDownBefore: number;
  /** When its Auto scale-to-zero timeout was last learned. */
  learnedAt: number | null;
}

const FAILURES_BEFORE_FAILED = 3;
/** The longest bookkeeping waits for wakes between two chunks of work. */
const WAKE_PRIORITY_MS = 10_000;


/** The replicas' spec: the endpoint's runtime looked up by name in the operator's catalog. */
export function specOf(endpoint: store.EngineEndpoint): ReplicaSpec {
  const choice = storedRuntime(endpoint.runtime);
  return {
    endpointId: endpoint.id,
    model: endpoint.model,
    runtimeName: choice.name,
    runtime: findRuntime(choice.name),
    emulation: { loadSeconds: choice.loadSeconds ?? 0, tokensPerSecond: choice.tokensPerSecond ?? 0 },
  };
}

function retryIn(ms: number): string {
  return ms < 60_000 ? `${Math.max(1, Math.round(ms / 1000))} s` : `${Math.round(ms / 60_000)} min`;
}

/**
 * The control loop: every tick it reads the endpoints, asks the autoscaler how many replicas each
 * needs, moves the provider there, and records what changed (events, replica samples, cold starts,
 * observed state). Only the leader acts.
 */
export class Controller {
  private readonly state = new Map<string, EndpointRuntimeState>();
  private readonly endpoints = new Map<string, store.EngineEndpoint>();
  private timer: NodeJS.Timeout | null = null;
  private bookkeepingTimer: NodeJS.Timeout | null = null;
  private bookkeeping: Promise<void> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private samples: Array<{ endpointId: string; at: Date; ready: number; target: number }> = [];
  private lastFlush = Date.now();
  private usage: ReplicaUsageRow[] = [];
  private readonly usageSampler = new UsageSampler();
  private lastUsageSample = 0;
  private started = false;
  /** Whether this process led at its last check: only the leader runs replicas and reconciles. */
  private leader = false;
  private readonly opts: Required<Omit<ControllerOptions, "provider" | "clusters" | "load" | "stats" | "leadership" | "huggingface" | "onReconciled">>;
  private readonly externalSyncs: Array<[string, ExternalSync]>;

  constructor(private readonly deps: ControllerOptions) {
    this.opts = {
      tickMs: 1000,
      sampleEveryMs: 10_000,
      flushEveryMs: 5_000,
      warmUpMs: STABLE_WINDOW_MS,
      failedAfter: FAILURES_BEFORE_FAILED,
      windows: { stableMs: STABLE_WINDOW_MS, panicMs: PANIC_WINDOW_MS },
      rollupEveryMs: 5_000,
      rawRetentionMs: 8 * 24 * 3_600_000,
      learnEveryMs: 10 * 60_000,
      ...deps,
    };
    const syncs = createExternalSyncs({ sample: (id, now, ready, target) => this.sample(id, now, ready, target) }, { huggingface: deps.huggingface });
    this.externalSyncs = Object.entries(syncs).filter((entry): entry is [string, ExternalSync] => !!entry[1]);
  }

  /** The handler the provider reports to; wire it before start(). */
  readonly onProviderEvent = (event: ProviderEvent): void => {
    const endpoint = this.endpoints.get(event.endpointId);
    if (!endpoint) return;
    const base = { endpointId: endpoint.id, organizationId: endpoint.organizationId, actor: PROVIDER };
    const log = (kind: string, message: string) => void recordEvent(null, { ...base, kind, message }).catch(logError);
    switch (event.kind) {
      case "replica-ready": {
        const st = this.runtime(endpoint.id);
        st.startupMs = event.startupMs;
        this.finishColdStart(endpoint, st);
        this.kick();
        break;
      }
      case "replica-crashed":
        log("replica-crashed", `Replica crashed (failure ${event.attempt}); replaced in ${retryIn(event.retryInMs)}: ${event.message}`);
        this.kick();
        break;
      case "replica-start-failed":
        log("replica-start-failed", `Replica failed to start (attempt ${event.attempt}); next try in ${retryIn(event.retryInMs)}: ${event.message}`);
        break;
      case "replica-adopted":
        log("replica-adopted", `Replica ${event.replicaId.slice(0, 8)} was adopted after a restart`);
        break;
      case "replica-cleaned-up":
        log("replica-cleaned-up", `Replica ${event.replicaId.slice(0, 8)} left from before a restart was stopped`);
        break;
    }
  };

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (await this.deps.leadership.isLeader()) await this.adopt();
    this.timer = setInterval(() => this.kick(), this.opts.tickMs);
    this.timer.unref();
    this.bookkeepingTimer = setInterval(() => this.bookkeep(), Math.min(this.opts.flushEveryMs, this.opts.rollupEveryMs));
    this.bookkeepingTimer.unref();
    this.kick();
  }

  get leading(): boolean {
    return this.leader;
  }

  private async adopt(): Promise<void> {
    for (const endpoint of await store.listEngineEndpoints()) this.endpoints.set(endpoint.id, endpoint);
    const specs = new Map([...this.endpoints.values()].map((e) => [e.id, specOf(e)]));
    await this.deps.provider.adopt(specs);
    const until = Date.now() + this.opts.warmUpMs;
    for (const replica of this.deps.provider.all()) this.runtime(replica.endpointId).noScaleDownBefore = until;
    // Only now: until its replicas are adopted, this process's gateway keeps routing by the database.
    this.leader = true;
  }

  /** Reconcile now: a request is waiting at zero, or something changed. */
  activate(_endpointId: string): void {
    this.kick();
  }

  /** Seconds until the endpoint is likely ready: what a cold start has taken so far, at least 1. */
  retryAfterSeconds(endpointId: string): number {
    const since = this.state.get(endpointId)?.coldStartSince;
    return since ? Math.max(1, Math.ceil((Date.now() - since) / 1000)) : 5;
  }

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.tick()
      .catch(logError)
      .finally(() => {
        this.running = null;
        if (this.again && this.timer) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves once the reconcile pass and the bookkeeping in progress, if any, have finished. */
  async settle(): Promise<void> {
    while (this.running || this.bookkeeping) await (this.running ?? this.bookkeeping);
  }

  private runtime(endpointId: string): EndpointRuntimeState {
    let st = this.state.get(endpointId);
    if (!st) {
      st = { autoscaler: initialAutoscalerState, startupMs: 0, target: null, coldStartSince: null, lastSample: null, noScaleDownBefore: 0, learnedAt: null };
      this.state.set(endpointId, st);
    }
    return st;
  }

  private async tick(): Promise<void> {
    if (!(await this.deps.leadership.isLeader())) {
      // Leadership lost (its database session ended): the replicas are the new leader's to adopt.
      if (this.leader) this.deps.provider.handOver();
      this.leader = false;
      return;
    }
    // Leading from now on (the leader before went away): its replicas are adopted first.
    if (!this.leader) await this.adopt();
    const started = performance.now();
    const rows = await store.listEngineEndpoints();
    const windows = this.deps.load.sampleAll(this.opts.windows.stableMs);
    const now = Date.now();
    const seen = new Set<string>();
    // Providers with their own autoscaler get the policy pushed and are observed, beside this loop.
    for (const [provider, sync] of this.externalSyncs) sync.kick(rows.filter((e) => e.provider === provider));
    for (const endpoint of rows) {
      if (!replicasByEbb(endpoint.provider)) continue;
      seen.add(endpoint.id);
      this.endpoints.set(endpoint.id, endpoint);
      await this.reconcile(endpoint, windows.get(endpoint.id) ?? [], now);
    }
    // Endpoints gone from the database entirely: stop whatever still runs for them.
    for (const replica of this.deps.provider.all()) {
      if (!seen.has(replica.endpointId)) void this.deps.provider.stopEndpoint(replica.endpointId);
    }
    this.deps.onReconciled?.((performance.now() - started) / 1000);
  }

  /**
   * Bookkeeping beside the reconcile loop, never inside it: samples and traffic to the database, rollups,
   * budgets, schedules and retention. A slow rollup delays the next rollup, not a wake from zero.
   */
  private bookkeep(): void {
    if (this.bookkeeping) return;
    this.bookkeeping = (async () => {
      const now = Date.now();
      // Every process writes the traffic its gateway saw; the rest is the leader's.
      if (!(await this.deps.leadership.isLeader())) return this.flush(now);
      await this.sampleUsage(now);
      await this.flush(now);
      await this.rollUp(now);
      await this.learnScaleToZero(now);
    })()
      .catch(logError)
      .finally(() => {
        this.bookkeeping = null;
      });
  }

  /** Each replica's CPU and memory, as often as replica counts are sampled. */
  private async sampleUsage(now: number, force = false): Promise<void> {
    if (!force && now - this.lastUsageSample < this.opts.sampleEveryMs) return;
    this.lastUsageSample = now;
    this.usage.push(...this.usageSampler.rows(await this.deps.provider.sampleUsage()));
  }

  private lastRollup = 0;
  private lastRetention = 0;

  /** Closed minutes into the metrics and cost rollups; raw rows past retention out, once an hour. */
  private async rollUp(now: number, force = false): Promise<void> {
    if (!force && now - this.lastRollup < this.opts.rollupEveryMs) return;
    this.lastRollup = now;
    for (const endpoint of await store.listEndpointsToRollUp()) {
      await rollUpEndpoint(endpoint, now, { betweenChunks: () => this.afterWakes() }).catch(logError);
    }
    await enforceBudgets(now).catch(logError);
    await applySchedules(now).catch(logError);
    if (now - this.lastRetention > 3_600_000) {
      this.lastRetention = now;
      await store.deleteRawBefore(new Date(now - this.opts.rawRetentionMs), new Date(now - this.opts.rawRetentionMs)).catch(logError);
      await store.deleteRequestLogBefore(new Date(now - REQUEST_LOG_RETENTION_DAYS * 24 * 3_600_000)).catch(logError);
    }
  }

  /**
   * Auto scale-to-zero: each such endpoint's timeout from its own idle gaps of the last two weeks and
   * the worth of a cold start, again every `learnEveryMs` and at once after a policy change; written
   * where every process reads it (null while too few gaps are known), with a lifecycle entry when it moves.
   */
  private async learnScaleToZero(now: number): Promise<void> {
    for (const endpoint of this.endpoints.values()) {
      if (!endpoint.scaleToZeroAuto || endpoint.minReplicas !== 0 || store.isBeingDeleted(endpoint)) continue;
      const st = this.runtime(endpoint.id);
      if (st.learnedAt !== null && now - st.learnedAt < this.opts.learnEveryMs && endpoint.updatedAt.getTime() <= st.learnedAt) continue;
      st.learnedAt = now;
      const startMs = (await measuredStartMs(endpoint.id)) ?? st.startupMs;
      const worthMs = endpoint.coldStartWorthMinutes ? endpoint.coldStartWorthMinutes * 60_000 : defaultColdStartWorthMs(startMs);
      const gaps = (await idleGaps(endpoint.id, now - AUTO_HISTORY_MS, AUTO_TIMEOUT_FLOOR_MS)).slice(-AUTO_GAPS_KEPT);
      const chosen = autoTimeout(gaps, worthMs, endpoint.scaleToZeroSeconds * 1000);
      const seconds = chosen.learned ? Math.round(chosen.timeoutMs / 1000) : null;
      if (seconds === endpoint.scaleToZeroLearnedSeconds) continue;
      await store.setLearnedScaleToZero(endpoint.id, seconds);
      endpoint.scaleToZeroLearnedSeconds = seconds;
      await recordEvent(null, {
        endpointId: endpoint.id,
        organizationId: endpoint.organizationId,
        actor: AUTOSCALER,
        kind: "scale-to-zero-learned",
        message:
          seconds === null
            ? `Auto scale-to-zero: after ${endpoint.scaleToZeroSeconds / 60} min (the set timeout) until ${AUTO_MIN_GAPS} idle gaps are known; ${chosen.gaps} so far`
            : `Auto scale-to-zero: after ${(seconds / 60).toFixed(1)} min, learned from ${chosen.gaps} idle gaps (a cold start weighed as ${Math.round(worthMs / 60_000)} min of replica time)`,
      });
    }
  }

  /**
   * Bookkeeping waits here while a reconcile pass runs or a request wakes an endpoint from zero, so
   * the database and the thread go to them first; at most `WAKE_PRIORITY_MS` at a time, never starved.
   */
  private async afterWakes(): Promise<void> {
    const until = Date.now() + WAKE_PRIORITY_MS;
    while ((this.running || this.deps.load.wakesInProgress() > 0) && Date.now() < until) await sleep(20);
    await yieldToEventLoop();
  }

  /** Rolls up everything closed by `now` at once (tests, demos). */
  async rollUpNow(now = Date.now()): Promise<void> {
    await this.settle();
    await this.sampleUsage(now, true);
    await this.flush(now, true);
    await this.rollUp(now, true);
  }

  /** The endpoint's replicas: this machine's processes, or a Deployment in its organization's cluster. */
  private backend(endpoint: store.EngineEndpoint, deleting: boolean): ReplicaBackend {
    const id = endpoint.id;
    const clusters = this.deps.clusters;
    if (clusters?.handles(endpoint.provider)) {
      return {
        active: () => clusters.counts(id).active,
        ready: () => clusters.counts(id).ready,
        scaleTo: (count) => clusters.scaleTo(endpoint, count, { remove: deleting }),
        // The cluster does not retry its way out of a pull failure or a refusal: failed at once.
        failure: () => {
          const message = clusters.failureOf(id);
          return message ? { count: this.opts.failedAfter, lastMessage: message } : null;
        },
        remaining: () => clusters.has(id),
      };
    }
    const provider = this.deps.provider;
    return {
      active: () => provider.active(id).length,
      ready: () => provider.ready(id).length,
      scaleTo: (count, now) => provider.scaleTo(specOf(endpoint), count, now),
      failure: () => provider.failureOf(id),
      remaining: () => provider.all().some((r) => r.endpointId === id),
    };
  }

  private async reconcile(endpoint: store.EngineEndpoint, samples: LoadSample[], now: number): Promise<void> {
    const { load } = this.deps;
    const st = this.runtime(endpoint.id);
    const deleting = store.isBeingDeleted(endpoint);
    const replicas = this.backend(endpoint, deleting);
    const active = replicas.active();
    const decision = deleting
      ? { replicas: 0, reason: "endpoint deleted", state: initialAutoscalerState, mode: "paused" as const }
      : decide({
          policy: this.effectivePolicy(endpoint),
          paused: endpoint.desiredState === "paused",
          currentReplicas: active,
          readyReplicas: replicas.ready(),
          samples,
          pending: load.pending(endpoint.id),
          lastRequestAt: load.lastRequestAt(endpoint.id),
          activeSince: endpoint.activeSince.getTime(),
          noScaleDownBefore: st.noScaleDownBefore,
          state: st.autoscaler,
          now,
          windows: this.opts.windows,
          startupMs: st.startupMs,
        });
    st.autoscaler = decision.state;

    const previous = st.target ?? active;
    if (decision.replicas !== previous || st.target === null) {
      if (decision.replicas !== previous) {
        await recordEvent(null, {
          endpointId: endpoint.id,
          organizationId: endpoint.organizationId,
          actor: decision.mode === "paused" || decision.mode === "fixed" ? CONTROLLER : AUTOSCALER,
          kind: "scaled",
          message: `Replicas ${previous} → ${decision.replicas}: ${decision.reason}`,
          before: { replicas: previous },
          after: { replicas: decision.replicas },
        });
      }
      if (previous === 0 && decision.replicas > 0 && replicas.ready() === 0) st.coldStartSince = now;
      st.target = decision.replicas;
    }
    replicas.scaleTo(decision.replicas, now);

    const ready = replicas.ready();
    // Local replicas end a cold start with their ready event; a cluster's are seen ready here.
    if (this.deps.clusters?.handles(endpoint.provider) && ready > 0) this.finishColdStart(endpoint, st, { learnStartup: true });
    await this.observe(endpoint, decision.replicas, ready, deleting, replicas);
    this.sample(endpoint.id, now, ready, decision.replicas);
  }

  /**
   * A first replica is ready after none was: the cold start is recorded (the dashboard's cold starts, the
   * what-if's measured start time) and logged. Where no replica reports its own start-up time (a
   * cluster's), the cold start's length is learned as the endpoint's start-up time.
   */
  private finishColdStart(endpoint: store.EngineEndpoint, st: EndpointRuntimeState, { learnStartup = false } = {}): void {
    if (st.coldStartSince === null) return;
    const startedAt = new Date(st.coldStartSince);
    const readyAt = new Date();
    st.coldStartSince = null;
    if (learnStartup) st.startupMs = readyAt.getTime() - startedAt.getTime();
    void store.insertColdStart({ endpointId: endpoint.id, startedAt, readyAt }).catch(logError);
    const message = `Cold start finished in ${((readyAt.getTime() - startedAt.getTime()) / 1000).toFixed(1)} s`;
    void recordEvent(null, { endpointId: endpoint.id, organizationId: endpoint.organizationId, actor: PROVIDER, kind: "cold-start", message }).catch(logError);
  }

  /** The policy, with no idle time left when someone asked to scale to zero and no request came since. */
  private effectivePolicy(endpoint: store.EngineEndpoint): ScalingPolicy {
    const policy = policyOfRow(endpoint);
    const asked = endpoint.scaleToZeroRequestedAt?.getTime();
    const lastRequest = this.deps.load.lastRequestAt(endpoint.id);
    if (asked && policy.minReplicas === 0 && (lastRequest === null || lastRequest < asked)) return { ...policy, scaleToZeroSeconds: 0 };
    if (policy.scaleToZeroAuto && endpoint.scaleToZeroLearnedSeconds !== null) return { ...policy, scaleToZeroSeconds: endpoint.scaleToZeroLearnedSeconds };
    return policy;
  }

  private async observe(endpoint: store.EngineEndpoint, target: number, ready: number, deleting: boolean, replicas: ReplicaBackend): Promise<void> {
    const failure = replicas.failure();
    let state: store.EngineEndpoint["state"];
    let message: string | null = null;
    if (deleting) state = replicas.remaining() ? endpoint.state : "deleted";
    else if (endpoint.desiredState === "paused") state = "paused";
    else if (failure && failure.count >= this.opts.failedAfter && ready === 0) {
      state = "failed";
      message = failure.lastMessage;
    } else if (target === 0) state = "scaledToZero";
    else if (ready === 0) state = "initializing";
    else state = "running";

    if (state === endpoint.state && message === endpoint.stateMessage && target === endpoint.targetReplicas && ready === endpoint.readyReplicas) return;
    await store.updateObservedState(endpoint.id, { state, stateMessage: message, targetReplicas: target, readyReplicas: ready });
    if (state !== endpoint.state) await recordStateChange(null, endpoint, CONTROLLER, endpoint.state, state, message);
    Object.assign(endpoint, { state, stateMessage: message, targetReplicas: target, readyReplicas: ready });
  }

  private sample(endpointId: string, now: number, ready: number, target: number): void {
    const st = this.runtime(endpointId);
    const last = st.lastSample;
    const changed = !last || last.ready !== ready || last.target !== target;
    if (!changed && now - last.at < this.opts.sampleEveryMs) return;
    st.lastSample = { at: now, ready, target };
    this.samples.push({ endpointId, at: new Date(now), ready, target });
    // A change is the ledger's truth from now on: written at once, so a leader killed before its next
    // flush leaves no time unbilled or billed at the count before (each sample holds until the next).
    if (changed) void this.writeSamples();
  }

  private samplesWriting: Promise<void> | null = null;

  /** Writes the samples taken so far; those that fail stay for the next write. One write at a time. */
  private async writeSamples(): Promise<void> {
    while (this.samplesWriting) await this.samplesWriting;
    const samples = this.samples;
    if (samples.length === 0) return;
    this.samples = [];
    this.samplesWriting = store
      .insertReplicaSamples(samples)
      .catch((error: unknown) => {
        this.samples.unshift(...samples);
        logError(error);
      })
      .finally(() => {
        this.samplesWriting = null;
      });
    await this.samplesWriting;
  }

  private async flush(now: number, force = false): Promise<void> {
    if (!force && now - this.lastFlush < this.opts.flushEveryMs) return;
    this.lastFlush = now;
    const deltas = this.deps.stats.takeDeltas();
    const requests = this.deps.stats.log.take();
    const output = this.deps.provider.takeOutput();
    const usage = this.usage;
    this.usage = [];
    // Each kind is written on its own: what failed is kept for the next flush, what was written is not
    // written twice. (Replica log lines are only lost, never counted twice.)
    const write = async (insert: () => Promise<void>, keep: () => void) => {
      try {
        await insert();
      } catch (error) {
        keep();
        logError(error);
      }
    };
    await this.writeSamples();
    await write(() => store.insertRequestStats(new Date(now), deltas), () => this.deps.stats.restore(deltas));
    await write(() => store.insertRequestLog(requests), () => this.deps.stats.log.restore(requests));
    await write(() => store.insertReplicaLogs(output), () => {});
    await write(() => store.insertReplicaUsage(usage), () => this.usage.unshift(...usage));
  }

  /**
   * Stops the loop. With `stopReplicas`, a clean shutdown drains and stops every replica; without it,
   * replicas keep running as a crashed process would leave them, for the next controller to adopt.
   */
  async stop({ stopReplicas }: { stopReplicas: boolean }): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.bookkeepingTimer) clearInterval(this.bookkeepingTimer);
    this.timer = null;
    this.bookkeepingTimer = null;
    await this.settle();
    await Promise.all(this.externalSyncs.map(([, sync]) => sync.settle()));
    await this.flush(Date.now(), true);
    // Only the leader's replicas are its own to stop: a process that lost the lead hands them over.
    const leading = this.leader && (await this.deps.leadership.isLeader());
    stopReplicas &&= leading;
    await this.deps.provider.close({ stopReplicas });
    this.deps.clusters?.close();
    if (stopReplicas) {
      // Replicas in a cluster keep running (and costing) after Ebb stops: their ledger goes on, and the
      // next leader picks it up. This machine's replicas were just stopped.
      const stopped = [...this.endpoints.values()].filter((e) => !this.deps.clusters?.handles(e.provider));
      for (const endpoint of stopped) {
        if (endpoint.state === "running" || endpoint.state === "initializing") {
          await store.updateObservedState(endpoint.id, { readyReplicas: 0 }).catch(logError);
        }
      }
      // The ledger holds each sample until the next: without one at zero, the time until the next start
      // would be billed at the replicas that ran before the stop.
      const at = new Date();
      await store.insertReplicaSamples(stopped.map((e) => ({ endpointId: e.id, at, ready: 0, target: 0 }))).catch(logError);
    }
    await this.deps.leadership.release();
  }
}

function logError(error: unknown): void {
  console.error("ebb controller:", error);
}
