import type { EndpointTarget, GatewayDeps, Replica } from "../gateway";
import { RefreshingCache } from "../refreshing-cache";
import type { Call, DirectoryEntry, LoadEvent, LoadEventKind, RecordEvent, Resolved, ToGateway, ToPrimary } from "./protocol";

/** How often traffic is reported: the autoscaler's view lags the gateway's by at most this. */
const REPORT_EVERY_MS = 20;

interface RoutedReplica extends Replica {
  /** The count last reported to the primary. */
  reported: number;
  /** Still in the primary's directory (a replica being drained is not, but its requests finish). */
  listed: boolean;
}

/**
 * What a gateway in its own process knows of the engine: the ready replicas the primary last announced,
 * endpoints by path (asked, cached for `ttlMs`, forgotten when one changes), and its traffic, queued and
 * sent in batches so the hot path never waits on the primary.
 */
export class GatewaySide {
  private readonly calls = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextCall = 1;
  private readonly ready = new Map<string, RoutedReplica[]>();
  private readonly replicas = new Map<string, RoutedReplica>();
  private readonly retryAfter = new Map<string, number>();
  private readonly readyListeners: ((endpointId: string) => void)[] = [];
  private readonly directory: RefreshingCache<Resolved>;
  private load: LoadEvent[] = [];
  private records: RecordEvent[] = [];
  private readonly timer: NodeJS.Timeout;
  onDrain: () => void = () => {};

  constructor(
    private readonly send: (message: ToPrimary) => void,
    ttlMs = 1000,
  ) {
    // `fresh` reaches the engine too: a read for a refusal or a cold start skips its cache as well.
    this.directory = new RefreshingCache((key) => {
      const [namespace, name] = key.split("/") as [string, string];
      return this.call<Resolved>({ op: "resolve", namespace, name, fresh: true });
    }, ttlMs);
    this.timer = setInterval(() => this.report(), REPORT_EVERY_MS);
    this.timer.unref();
  }

  receive(message: ToGateway): void {
    switch (message.t) {
      case "reply": {
        const call = this.calls.get(message.id);
        this.calls.delete(message.id);
        if (message.error !== undefined) call?.reject(new Error(message.error));
        else call?.resolve(message.value);
        return;
      }
      case "replicas":
        return this.setDirectory(message.directory);
      case "endpoints-changed":
        this.directory.clear();
        return;
      case "drain":
        return this.onDrain();
    }
  }

  private call<T>(call: Call): Promise<T> {
    const id = this.nextCall++;
    return new Promise<T>((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.send({ t: "call", id, ...call });
    });
  }

  private setDirectory(directory: DirectoryEntry[]): void {
    const grew: string[] = [];
    const listed = new Set<string>();
    const before = new Map([...this.ready].map(([id, list]) => [id, new Set(list.map((r) => r.id))]));
    this.ready.clear();
    for (const [endpointId, entries] of directory) {
      const list: RoutedReplica[] = [];
      for (const [id, url, headers] of entries) {
        let replica = this.replicas.get(id);
        if (!replica) this.replicas.set(id, (replica = { id, url, headers, inFlight: 0, reported: 0, listed: true }));
        replica.listed = true;
        listed.add(id);
        list.push(replica);
      }
      this.ready.set(endpointId, list);
      if (list.some((r) => !before.get(endpointId)?.has(r.id))) grew.push(endpointId);
    }
    for (const replica of this.replicas.values()) if (!listed.has(replica.id)) replica.listed = false;
    for (const endpointId of grew) for (const listener of this.readyListeners) listener(endpointId);
  }

  private event(kind: LoadEventKind, endpointId: string): void {
    this.load.push([kind, endpointId, Date.now()]);
  }

  /** Sends what happened since the last report, if anything did. */
  report(): void {
    const inFlight: [string, number][] = [];
    for (const replica of this.replicas.values()) {
      if (replica.inFlight !== replica.reported) {
        inFlight.push([replica.id, replica.inFlight]);
        replica.reported = replica.inFlight;
      }
      // A replica gone from the directory is forgotten once its last request here has ended.
      if (!replica.listed && replica.inFlight === 0 && replica.reported === 0) this.replicas.delete(replica.id);
    }
    if (this.load.length === 0 && this.records.length === 0 && inFlight.length === 0) return;
    this.send({ t: "traffic", load: this.load, records: this.records, inFlight });
    this.load = [];
    this.records = [];
  }

  close(): void {
    clearInterval(this.timer);
    this.report();
    for (const call of this.calls.values()) call.reject(new Error("The Ebb process is gone."));
    this.calls.clear();
  }


  deps(mayReceiveProviderToken: (url: string) => boolean): GatewayDeps {
    return {
      resolve: async (namespace, name, { fresh = false } = {}): Promise<EndpointTarget | null> => {
        const { target, retryAfterSeconds } = await this.directory.get(`${namespace}/${name}`, { fresh });
        if (target) this.retryAfter.set(target.id, retryAfterSeconds);
        return target;
      },
      readyReplicas: (endpointId) => this.ready.get(endpointId) ?? [],
      onReplicaReady: (listener) => void this.readyListeners.push(listener),
      activate: (endpointId) => {
        // The controller sizes the start by the requests waiting: it hears of them first.
        this.report();
        this.send({ t: "activate", endpointId });
      },
      retryAfterSeconds: (endpointId) => this.retryAfter.get(endpointId) || 5,
      verifyToken: (token, organizationId) => this.call<boolean>({ op: "verifyToken", token, organizationId }),
      providerToken: (organizationId) => this.call<string | null>({ op: "providerToken", organizationId }),
      mayReceiveProviderToken,
      load: {
        begin: (id) => this.event("begin", id),
        end: (id) => this.event("end", id),
        held: (id) => this.event("held", id),
        released: (id) => this.event("released", id),
      },
      stats: {
        record: (endpointId, name, status, latencyMs, logged) => void this.records.push([endpointId, name, status, latencyMs, logged ?? null]),
      },
    };
  }
}
