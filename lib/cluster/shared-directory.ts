import type { Replica } from "@/lib/gateway/gateway";
import * as store from "@/lib/controller/store";
import type { ClusterBus } from "./bus";

/** How often the directory is read even with no notification: a missed one costs at most this. */
const REFRESH_EVERY_MS = 1000;

/**
 * The ready replicas of every endpoint as the process that runs them recorded them in the database: what
 * a gateway routes to when the replicas are not its own process's. Read again whenever a process says an
 * endpoint's replicas changed (after it wrote them), and every second in any case.
 */
export class SharedReplicaDirectory {
  private ready = new Map<string, Replica[]>();
  /** Kept by id, so a replica's in-flight count here survives a re-read. */
  private readonly byId = new Map<string, Replica>();
  private readonly listeners: ((endpointId: string) => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private reading: Promise<void> | null = null;
  private again = false;

  constructor(private readonly bus: ClusterBus) {}

  async start(): Promise<void> {
    await this.bus.subscribe("ebb_replicas_changed", () => this.refresh());
    await this.read();
    this.timer = setInterval(() => this.refresh(), REFRESH_EVERY_MS);
    this.timer.unref();
  }

  replicas(endpointId: string): Replica[] {
    return this.ready.get(endpointId) ?? [];
  }

  entries(): IterableIterator<[string, Replica[]]> {
    return this.ready.entries();
  }

  find(replicaId: string): Replica | undefined {
    return this.byId.get(replicaId);
  }

  /** Called with an endpoint that gained a ready replica. */
  onReady(listener: (endpointId: string) => void): void {
    this.listeners.push(listener);
  }

  /** Reads again now, or right after the read in progress (whose answer may predate the change). */
  refresh(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.read()
      .catch((error: unknown) => console.error("ebb: reading the replica directory failed:", error))
      .finally(() => {
        this.reading = null;
        if (this.again) {
          this.again = false;
          this.refresh();
        }
      });
  }

  private async read(): Promise<void> {
    const rows = await store.listReadyReplicaPorts();
    const ready = new Map<string, Replica[]>();
    const grew = new Set<string>();
    for (const row of rows) {
      let replica = this.byId.get(row.id);
      if (!replica) {
        this.byId.set(row.id, (replica = { id: row.id, url: `http://127.0.0.1:${row.port}`, inFlight: 0 }));
        grew.add(row.endpointId);
      }
      const list = ready.get(row.endpointId) ?? [];
      list.push(replica);
      ready.set(row.endpointId, list);
    }
    const listed = new Set(rows.map((r) => r.id));
    // A replica no longer listed is forgotten once its last request here has ended.
    for (const [id, replica] of this.byId) if (!listed.has(id) && replica.inFlight === 0) this.byId.delete(id);
    this.ready = ready;
    for (const endpointId of grew) for (const listener of this.listeners) listener(endpointId);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
