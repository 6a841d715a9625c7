import crypto from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Gauge, type Registry } from "prom-client";
import { backoffMs } from "@/lib/domain/backoff";
import { isAlive } from "@/lib/process-alive";
import { exitMessage, killLeftovers, spawnReplica, terminate } from "./process";
import { removeOutput } from "./output-file";
import { removeSandbox } from "./sandbox";
import { processGroupUsage, type ProcessUsage } from "./usage";
import { Replica, type ReplicaOutputLine, type ReplicaRecord, type ReplicaSpec, type ReplicaStore } from "./replica";

export type ProviderEvent =
  | { kind: "replica-starting"; endpointId: string; replicaId: string }
  | { kind: "replica-ready"; endpointId: string; replicaId: string; startupMs: number }
  | { kind: "replica-crashed"; endpointId: string; replicaId: string; message: string; attempt: number; retryInMs: number }
  | { kind: "replica-start-failed"; endpointId: string; replicaId: string; message: string; attempt: number; retryInMs: number }
  | { kind: "replica-stopped"; endpointId: string; replicaId: string }
  | { kind: "replica-adopted"; endpointId: string; replicaId: string }
  | { kind: "replica-cleaned-up"; endpointId: string; replicaId: string; pid: number | null };

export interface ReplicaLogLine extends ReplicaOutputLine {
  replicaId: string;
  endpointId: string;
}

/** A replica's CPU time since it started and its resident memory now, at `at`. */
export interface ReplicaUsageReading extends ProcessUsage {
  replicaId: string;
  endpointId: string;
  startedAt: number;
  at: number;
}

export interface LocalProviderOptions {
  store: ReplicaStore;
  onEvent?: (event: ProviderEvent) => void;
  /** How often a starting replica's health is checked. */
  healthPollMs?: number;
  /** How long a replica may take to become ready before it counts as failed. */
  startTimeoutMs?: number;
  /** After SIGTERM, how long before SIGKILL. */
  stopGraceMs?: number;
  /** How long a draining replica may keep finishing requests. */
  drainTimeoutMs?: number;
}

// Doubles from half a second up to five minutes, like Kubernetes' crash-loop back-off.
const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * The `local` provider: replicas are processes on this machine. It starts and stops them on request,
 * declares one ready when its health check answers 200, replaces crashed ones with back-off, and drains
 * a replica before stopping it.
 */
export class LocalProvider {
  private readonly replicas = new Map<string, Replica[]>();
  private readonly failures = new Map<string, { count: number; nextStartAt: number; lastMessage: string }>();
  private readonly readyListeners = new Set<(endpointId: string) => void>();
  private readonly opts: Required<Omit<LocalProviderOptions, "onEvent">> & Pick<LocalProviderOptions, "onEvent">;
  private watchTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private outputOfForgotten: ReplicaLogLine[] = [];

  constructor(options: LocalProviderOptions) {
    this.opts = { healthPollMs: 100, startTimeoutMs: 10 * 60_000, stopGraceMs: 10_000, drainTimeoutMs: 5 * 60_000, ...options };
    // Adopted replicas are not our children: their exit is noticed by polling.
    this.watchTimer = setInterval(() => this.watchAdopted(), 1000);
    this.watchTimer.unref();
  }

  private list(endpointId: string): Replica[] {
    let list = this.replicas.get(endpointId);
    if (!list) this.replicas.set(endpointId, (list = []));
    return list;
  }

  /** Replicas that take requests. */
  ready(endpointId: string): Replica[] {
    return (this.replicas.get(endpointId) ?? []).filter((r) => r.status === "ready");
  }

  /** Replicas starting or ready: the count the autoscaler asked for. */
  active(endpointId: string): Replica[] {
    return (this.replicas.get(endpointId) ?? []).filter((r) => r.status === "starting" || r.status === "ready");
  }

  all(): Replica[] {
    return [...this.replicas.values()].flat().filter((r) => r.status !== "stopped");
  }

  /** Replicas by endpoint and status as a gauge, read when /metrics is scraped. */
  registerMetrics(registry: Registry): void {
    const all = () => this.all();
    new Gauge({
      name: "ebb_replicas",
      help: "Local replica processes by endpoint id and status.",
      labelNames: ["endpoint_id", "status"],
      registers: [registry],
      collect() {
        this.reset();
        for (const r of all()) this.inc({ endpoint_id: r.endpointId, status: r.status });
      },
    });
  }

  onReady(listener: (endpointId: string) => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  /** Consecutive failed starts or crashes, and the last message: the controller reports them. */
  failureOf(endpointId: string): { count: number; lastMessage: string } | null {
    const f = this.failures.get(endpointId);
    return f && f.count > 0 ? { count: f.count, lastMessage: f.lastMessage } : null;
  }

  /**
   * Moves the endpoint toward `count` replicas: starts new ones (unless backing off after failures),
   * or drains the surplus, starting ones first, then the least busy.
   */
  scaleTo(spec: ReplicaSpec, count: number, now = Date.now()): void {
    if (this.closed) return;
    const active = this.active(spec.endpointId);
    if (active.length < count) {
      const failure = this.failures.get(spec.endpointId);
      if (failure && now < failure.nextStartAt) return;
      for (let i = active.length; i < count; i++) void this.start(spec);
    } else if (active.length > count) {
      const surplus = [...active]
        .sort((a, b) => (a.status === b.status ? a.inFlight - b.inFlight : a.status === "starting" ? -1 : 1))
        .slice(0, active.length - count);
      for (const replica of surplus) void this.drainAndStop(replica);
    }
  }

  private async start(spec: ReplicaSpec): Promise<void> {
    const replica = new Replica(crypto.randomUUID(), spec, Date.now());
    this.list(spec.endpointId).push(replica);
    this.emit({ kind: "replica-starting", endpointId: spec.endpointId, replicaId: replica.id });
    try {
      replica.port = await spawnReplica(replica, (code, signal) => this.exited(replica, code, signal));
      await this.persist(replica);
      await this.waitHealthy(replica);
      if (replica.status !== "starting") return;
      replica.status = "ready";
      replica.readyAt = Date.now();
      this.failures.delete(spec.endpointId);
      // Requests held for this start go to it now; the record of it follows.
      for (const listener of this.readyListeners) listener(spec.endpointId);
      await this.persist(replica);
      this.emit({ kind: "replica-ready", endpointId: spec.endpointId, replicaId: replica.id, startupMs: replica.readyAt - replica.startedAt });
    } catch (error) {
      // Stopped on purpose, or its exit was already reported as a failed start.
      if (replica.stopRequested || replica.status === "stopped") return;
      const message = error instanceof Error ? error.message : String(error);
      this.emit({ kind: "replica-start-failed", endpointId: spec.endpointId, replicaId: replica.id, message, ...this.recordFailure(spec.endpointId, message) });
      await this.stop(replica);
    }
  }

  private async waitHealthy(replica: Replica): Promise<void> {
    const deadline = Date.now() + this.opts.startTimeoutMs;
    while (replica.status === "starting") {
      if (Date.now() > deadline) throw new Error(`replica ${replica.id.slice(0, 8)} was not ready after ${this.opts.startTimeoutMs / 1000} s`);
      if (await healthy(replica)) return;
      await sleep(this.opts.healthPollMs);
    }
  }

  /**
   * The process ended. Unless Ebb stopped it, that is a failure, whether it had become ready (a crash)
   * or not (a failed start): either way it is logged with its last output and replaced after a back-off.
   */
  private exited(replica: Replica, code: number | null, signal: string | null): void {
    const expected = replica.stopRequested;
    const wasReady = replica.status === "ready";
    // Whatever its command started and left behind goes with it, before any replacement can start.
    if (replica.pid !== null && !expected) killLeftovers(replica.pid);
    replica.status = "stopped";
    this.forget(replica);
    void this.persist(replica);
    if (expected) return;
    const message = exitMessage(replica, code, signal);
    const kind = wasReady ? "replica-crashed" : "replica-start-failed";
    this.emit({ kind, endpointId: replica.endpointId, replicaId: replica.id, message, ...this.recordFailure(replica.endpointId, message) });
  }

  private recordFailure(endpointId: string, message: string): { attempt: number; retryInMs: number } {
    const count = (this.failures.get(endpointId)?.count ?? 0) + 1;
    const backoff = backoffMs(count, { baseMs: 500, maxMs: MAX_BACKOFF_MS });
    this.failures.set(endpointId, { count, nextStartAt: Date.now() + backoff, lastMessage: message });
    return { attempt: count, retryInMs: backoff };
  }

  /** No new requests, then wait for the ones in flight, then stop. */
  async drainAndStop(replica: Replica): Promise<void> {
    if (replica.status === "draining" || replica.status === "stopped") return;
    replica.status = "draining";
    replica.stopRequested = true;
    await this.persist(replica);
    const deadline = Date.now() + this.opts.drainTimeoutMs;
    while (replica.inFlight > 0 && Date.now() < deadline) await sleep(50);
    await this.stop(replica);
  }

  private async stop(replica: Replica): Promise<void> {
    const pid = replica.pid;
    replica.stopRequested = true;
    if (replica.status !== "draining") replica.status = "draining";
    if (pid !== null) await terminate(pid, this.opts.stopGraceMs);
    replica.status = "stopped";
    this.forget(replica);
    await this.persist(replica);
    this.emit({ kind: "replica-stopped", endpointId: replica.endpointId, replicaId: replica.id });
  }

  private forget(replica: Replica): void {
    // Its last lines (often why it ended) are kept for the logs, though it is no longer listed.
    replica.closeOutput();
    this.outputOfForgotten.push(...this.linesOf(replica));
    removeSandbox(replica.id);
    removeOutput(replica.id);
    const list = this.replicas.get(replica.endpointId);
    if (!list) return;
    const index = list.indexOf(replica);
    if (index >= 0) list.splice(index, 1);
  }

  private linesOf(replica: Replica): ReplicaLogLine[] {
    return replica.takeUnsavedOutput().map((l) => ({ ...l, replicaId: replica.id, endpointId: replica.endpointId }));
  }

  /** What every replica wrote since the last call, for the replica logs. */
  takeOutput(): ReplicaLogLine[] {
    const lines = [...this.outputOfForgotten, ...this.all().flatMap((r) => this.linesOf(r))];
    this.outputOfForgotten = [];
    return lines;
  }

  /** What each replica's process group uses now (the replica and whatever its command started). */
  async sampleUsage(): Promise<ReplicaUsageReading[]> {
    const running = this.all().filter((r) => r.pid !== null && r.status !== "stopped");
    const byGroup = await processGroupUsage(running.map((r) => r.pid!));
    const at = Date.now();
    return running.flatMap((r) => {
      const usage = byGroup.get(r.pid!);
      return usage ? [{ replicaId: r.id, endpointId: r.endpointId, startedAt: r.startedAt, at, ...usage }] : [];
    });
  }

  async stopEndpoint(endpointId: string): Promise<void> {
    await Promise.all((this.replicas.get(endpointId) ?? []).map((r) => this.drainAndStop(r)));
  }

  /**
   * After a restart: each replica recorded as running is adopted if its process is alive and its health
   * check answers with its own identity; anything else is stopped and marked so. No orphans either way.
   */
  async adopt(specs: Map<string, ReplicaSpec>): Promise<void> {
    const records = await this.opts.store.listActive();
    await Promise.all(
      records.map(async (record) => {
        const spec = specs.get(record.endpointId);
        const replica = new Replica(record.id, spec ?? unknownSpec(record.endpointId), record.startedAt.getTime());
        replica.pid = record.pid;
        replica.port = record.port;
        replica.readyAt = record.readyAt?.getTime() ?? null;
        const alive = record.pid !== null && isAlive(record.pid);
        if (spec && alive && record.status !== "draining" && (await healthy(replica, record.id))) {
          replica.status = "ready";
          replica.readyAt ??= Date.now();
          replica.followOutput({ fromEnd: true });
          this.list(record.endpointId).push(replica);
          await this.persist(replica);
          this.emit({ kind: "replica-adopted", endpointId: record.endpointId, replicaId: record.id });
          return;
        }
        if (alive && record.pid !== null) await terminate(record.pid, this.opts.stopGraceMs);
        replica.status = "stopped";
        removeSandbox(replica.id);
        removeOutput(replica.id);
        await this.persist(replica);
        this.emit({ kind: "replica-cleaned-up", endpointId: record.endpointId, replicaId: record.id, pid: record.pid });
      }),
    );
    for (const endpointId of new Set(this.all().map((r) => r.endpointId))) {
      for (const listener of this.readyListeners) listener(endpointId);
    }
  }

  private watchAdopted(): void {
    for (const replica of this.all()) {
      if (replica.child === null && replica.pid !== null && replica.status === "ready" && !isAlive(replica.pid)) {
        this.exited(replica, null, "an unknown signal");
      }
    }
  }

  /**
   * Stops watching without touching the processes, as a crashed console would leave them; for restarts.
   * With `stopReplicas`, drains and stops every replica first (a clean shutdown).
   */
  async close({ stopReplicas }: { stopReplicas: boolean }): Promise<void> {
    if (stopReplicas) await Promise.all(this.all().map((r) => this.drainAndStop(r)));
    this.closed = true;
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.handOver();
  }

  /**
   * Lets go of every replica without stopping it: another process leads now and adopts them from their
   * records, as after a restart. This one neither watches nor stops them any more.
   */
  handOver(): void {
    for (const replica of this.all()) {
      replica.child?.removeAllListeners("exit");
      replica.child?.unref();
      replica.closeOutput();
    }
    this.replicas.clear();
  }

  private async persist(replica: Replica): Promise<void> {
    const record: ReplicaRecord = {
      id: replica.id,
      endpointId: replica.endpointId,
      pid: replica.pid,
      port: replica.port,
      status: replica.status,
      startedAt: new Date(replica.startedAt),
      readyAt: replica.readyAt ? new Date(replica.readyAt) : null,
    };
    try {
      await this.opts.store.save(record);
    } catch (error) {
      console.error("ebb: could not record replica", replica.id, error);
    }
  }

  private emit(event: ProviderEvent): void {
    this.opts.onEvent?.(event);
  }
}

/** True when the replica's health check answers 200 (and, when given, with this replica id). */
async function healthy(replica: Replica, expectId?: string): Promise<boolean> {
  if (replica.port === null) return false;
  try {
    const response = await fetch(`${replica.url}${replica.healthPath}`, { signal: AbortSignal.timeout(2000) });
    if (response.status !== 200) return false;
    if (!expectId || !replica.builtin) return true;
    const body = (await response.json()) as { replicaId?: string };
    return body.replicaId === expectId;
  } catch {
    return false;
  }
}

/** A replica recorded for an endpoint that no longer exists: only ever stopped. */
function unknownSpec(endpointId: string): ReplicaSpec {
  return { endpointId, model: "", runtimeName: "", runtime: null, emulation: { loadSeconds: 0, tokensPerSecond: 0 } };
}
