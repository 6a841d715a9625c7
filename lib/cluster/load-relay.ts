import type { LoadTracker, RemoteLoad } from "@/lib/gateway/load";
import { MAX_PAYLOAD_BYTES, type ClusterBus } from "./bus";

/** How often a process that does not lead reports its gateway's load: the leader's view lags by this. */
const REPORT_EVERY_MS = 100;

/** [endpoint id, area, pending, last request at] */
type Entry = [string, number, number, number | null];

/**
 * The autoscaler's input across processes: a process that does not lead reports its gateway's load per
 * endpoint (concurrency area, requests pending, last request) every 100 ms while it has any; every process
 * adds the others' reports to its own tracker, so the leader sizes for all of them and a process taking
 * over as leader starts with them. A request waiting at zero is reported at once, then the leader is asked
 * to start the endpoint.
 */
export class LoadRelay {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly bus: ClusterBus,
    private readonly load: LoadTracker,
    private readonly leading: () => boolean,
    private readonly onActivate: (endpointId: string) => void,
  ) {}

  /** Resolves once the other processes' reports and wakes are heard. */
  async start(): Promise<void> {
    const { bus, load } = this;
    await bus.subscribe<Entry[]>("ebb_load", (entries, from) => {
      if (from === bus.processId) return;
      for (const [endpointId, area, pending, lastRequestAt] of entries) load.applyRemote(from, endpointId, { area, pending, lastRequestAt });
    });
    await bus.subscribe<{ endpointId: string }>("ebb_activate", ({ endpointId }, from) => {
      if (from !== bus.processId && this.leading()) this.onActivate(endpointId);
    });
    this.timer = setInterval(() => this.report(), REPORT_EVERY_MS);
    this.timer.unref();
  }

  /** Asks the leader to start the endpoint, after telling it of the request waiting. */
  activate(endpointId: string): void {
    if (this.leading()) return;
    this.report();
    this.bus.publish("ebb_activate", { endpointId });
  }

  report(): void {
    if (this.leading()) return;
    const entries: Entry[] = this.load.report().map(([id, r]: [string, RemoteLoad]) => [id, Math.round(r.area), r.pending, r.lastRequestAt]);
    // About 80 bytes an endpoint: split so that no message passes PostgreSQL's payload limit.
    const perMessage = Math.floor(MAX_PAYLOAD_BYTES / 100);
    for (let i = 0; i < entries.length; i += perMessage) this.bus.publish("ebb_load", entries.slice(i, i + perMessage));
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.report();
  }
}
