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
  private area = 0;
  private since: number;
  private samples: LoadSample[] = [];

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

  /** Closes the current sampling period, keeping the last `keepMs` of samples. */
  sample(now: number, periodStart: number, keepMs: number): LoadSample[] {
    this.accumulate(now);
    const span = Math.max(1, now - periodStart);
    this.samples.push({ at: now, concurrency: this.area / span });
    this.area = 0;
    this.samples = this.samples.filter((s) => s.at > now - keepMs);
    return this.samples;
  }
}

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

  pending(endpointId: string): number {
    return this.endpoints.get(endpointId)?.pending ?? 0;
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
