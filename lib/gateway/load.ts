import type { LoadSample } from "@/lib/domain/load";

/**
 * Requests per endpoint as the gateway sees them: `pending` counts those in flight and those held for a
 * cold start; the average handed to the autoscaler counts only requests that found a ready replica,
 * weighted by how long each level lasted, so a burst between two samples counts for what it was, and
 * the backlog of a long cold start (held, then answered) does not read as load to size replicas for.
 */
class EndpointLoad {
  pending = 0;
  held = 0;
  lastRequestAt: number | null = null;
  /** What other Ebb processes' gateways last reported of this endpoint, by process. */
  readonly remote = new Map<string, { pending: number; at: number }>();
  private remoteArea = 0;
  private area = 0;
  private since: number;
  private samples: LoadSample[] = [];
  /** The pending count in the last report to the leader. */
  reportedPending = 0;

  constructor(now: number) {
    this.since = now;
  }

  private accumulate(now: number) {
    // Events forwarded from a gateway process may arrive after a later one was applied.
    if (now < this.since) now = this.since;
    this.area += (this.pending - this.held) * (now - this.since);
    this.since = now;
  }

  begin(now: number) {
    this.accumulate(now);
    this.pending++;
    this.lastRequestAt = now;
  }

  end(now: number) {
    this.accumulate(now);
    this.pending = Math.max(0, this.pending - 1);
  }

  hold(now: number, delta: 1 | -1) {
    this.accumulate(now);
    this.held = Math.max(0, this.held + delta);
  }

  /** Requests in flight or held here and, as last reported, in other processes. */
  pendingEverywhere(now: number): number {
    let total = this.pending;
    for (const [source, r] of this.remote) {
      if (now - r.at > REMOTE_REPORT_TTL_MS) this.remote.delete(source);
      else total += r.pending;
    }
    return total;
  }

  applyRemote(source: string, report: RemoteLoad, now: number) {
    this.remoteArea += report.area;
    if (report.pending > 0) this.remote.set(source, { pending: report.pending, at: now });
    else this.remote.delete(source);
    if (report.lastRequestAt !== null && (this.lastRequestAt === null || report.lastRequestAt > this.lastRequestAt)) this.lastRequestAt = report.lastRequestAt;
  }

  /** The area since the last call (concurrency × ms), for a report to the leader. */
  takeArea(now: number): number {
    this.accumulate(now);
    const area = this.area;
    this.area = 0;
    return area;
  }

  /** Closes the current sampling period, keeping the last `keepMs` of samples. */
  sample(now: number, periodStart: number, keepMs: number): LoadSample[] {
    this.accumulate(now);
    const span = Math.max(1, now - periodStart);
    this.samples.push({ at: now, concurrency: (this.area + this.remoteArea) / span });
    this.area = 0;
    this.remoteArea = 0;
    this.samples = this.samples.filter((s) => s.at > now - keepMs);
    return this.samples;
  }
}

/** One endpoint's load in another process since its last report: what the leader adds to its own. */
export interface RemoteLoad {
  /** Requests that found a replica, times how long (ms) each was in flight, since the last report. */
  area: number;
  /** In flight or held there now. */
  pending: number;
  lastRequestAt: number | null;
}

/** A process that stopped reporting (it died) no longer counts after this long. */
const REMOTE_REPORT_TTL_MS = 3000;

/**
 * `at` defaults to now; a gateway in another process forwards its events with the time they happened.
 */
export class LoadTracker {
  private readonly endpoints = new Map<string, EndpointLoad>();
  private lastSampleAt: number;
  private heldTotal = 0;

  constructor(private readonly clock: () => number = Date.now) {
    this.lastSampleAt = clock();
  }

  private get(endpointId: string): EndpointLoad {
    let load = this.endpoints.get(endpointId);
    if (!load) this.endpoints.set(endpointId, (load = new EndpointLoad(this.clock())));
    return load;
  }

  begin(endpointId: string, at = this.clock()): void {
    this.get(endpointId).begin(at);
  }

  end(endpointId: string, at = this.clock()): void {
    this.get(endpointId).end(at);
  }

  /** A request of the endpoint waited for a replica to start: it is backlog until `released` at its end. */
  held(endpointId: string, at = this.clock()): void {
    this.get(endpointId).hold(at, 1);
    this.heldTotal++;
  }

  released(endpointId: string, at = this.clock()): void {
    this.get(endpointId).hold(at, -1);
    this.heldTotal = Math.max(0, this.heldTotal - 1);
  }

  /**
   * Requests that waited for a replica to start and have not ended yet, over all endpoints: while any
   * is under way, bookkeeping (rollups) waits, so a wake from zero has the thread and the database first.
   */
  wakesInProgress(): number {
    return this.heldTotal;
  }

  /** Requests in flight or held for the endpoint, here and (as reported) in other Ebb processes. */
  pending(endpointId: string): number {
    return this.endpoints.get(endpointId)?.pendingEverywhere(this.clock()) ?? 0;
  }

  /** Another Ebb process's report of its load (see `report`). */
  applyRemote(source: string, endpointId: string, report: RemoteLoad): void {
    this.get(endpointId).applyRemote(source, report, this.clock());
  }

  /**
   * This process's load since the last report, for the leader in another process: every endpoint with
   * traffic or requests pending, and those whose last requests ended since (pending 0, so the leader
   * stops counting them at once).
   */
  report(): [string, RemoteLoad][] {
    const now = this.clock();
    const reports: [string, RemoteLoad][] = [];
    for (const [id, load] of this.endpoints) {
      const area = load.takeArea(now);
      if (area === 0 && load.pending === 0 && load.reportedPending === 0) continue;
      load.reportedPending = load.pending;
      reports.push([id, { area, pending: load.pending, lastRequestAt: load.lastRequestAt }]);
    }
    return reports;
  }

  lastRequestAt(endpointId: string): number | null {
    return this.endpoints.get(endpointId)?.lastRequestAt ?? null;
  }

  /** One sample per endpoint for the period since the last call; returns each endpoint's window. */
  sampleAll(keepMs: number): Map<string, LoadSample[]> {
    const now = this.clock();
    const windows = new Map<string, LoadSample[]>();
    for (const [id, load] of this.endpoints) windows.set(id, load.sample(now, this.lastSampleAt, keepMs));
    this.lastSampleAt = now;
    return windows;
  }
}
