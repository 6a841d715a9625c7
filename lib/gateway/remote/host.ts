import type { GatewayDeps } from "../gateway";
import type { LoadTracker } from "../load";
import type { RequestStats } from "../stats";
import type { Call, DirectoryEntry, ToGateway, ToPrimary } from "./protocol";

/** What the host needs of the engine: its own gateway's dependencies, and where traffic is counted. */
export interface HostedEngine {
  deps: GatewayDeps;
  load: LoadTracker;
  stats: RequestStats;
  /** Ready replicas of every endpoint, by endpoint id. */
  directory(): Map<string, { id: string; url: string; headers?: Readonly<Record<string, string>> }[]>;
  /** Called when a replica becomes ready, to announce it at once. */
  onReplicaReady(listener: (endpointId: string) => void): void;
  /** Sets what the gateways have in flight on a replica, for its drain before a stop. */
  setInFlight(replicaId: string, count: number): void;
}

export interface GatewayConnection {
  send(message: ToGateway): void;
}

/** How often the directory is compared with what was last announced (a replica that stopped or died). */
const DIRECTORY_CHECK_MS = 100;

/**
 * The engine's side of gateways in other processes: answers their questions, applies their traffic to the
 * load tracker and the stats as if it were its own gateway's, and announces ready replicas to all of them
 * (at once when one becomes ready, otherwise whenever the directory changed).
 */
export class GatewayHost {
  private readonly gateways = new Map<GatewayConnection, Map<string, number>>();
  private announced = "";
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly engine: HostedEngine) {
    engine.onReplicaReady(() => this.announce(true));
    this.timer = setInterval(() => this.announce(false), DIRECTORY_CHECK_MS);
    this.timer.unref();
  }

  add(gateway: GatewayConnection): void {
    this.gateways.set(gateway, new Map());
  }

  /** A gateway that exited: what it had in flight is in flight no more. */
  remove(gateway: GatewayConnection): void {
    const inFlight = this.gateways.get(gateway);
    this.gateways.delete(gateway);
    for (const replicaId of inFlight?.keys() ?? []) this.sumInFlight(replicaId);
  }

  /** Every gateway is told to drain: held requests answered at once, new ones refused. */
  drain(): void {
    for (const gateway of this.gateways.keys()) gateway.send({ t: "drain" });
  }

  endpointsChanged(): void {
    for (const gateway of this.gateways.keys()) gateway.send({ t: "endpoints-changed" });
  }

  close(): void {
    clearInterval(this.timer);
  }

  receive(gateway: GatewayConnection, message: ToPrimary): void {
    switch (message.t) {
      case "hello":
        gateway.send(this.directoryMessage());
        return;
      case "call":
        void this.answer(message).then(
          (value) => gateway.send({ t: "reply", id: message.id, value }),
          (error: unknown) => gateway.send({ t: "reply", id: message.id, error: error instanceof Error ? error.message : String(error) }),
        );
        return;
      case "activate":
        this.engine.deps.activate(message.endpointId);
        // It may be ready already, announced while this gateway's request was on its way: say so again.
        if (this.engine.directory().has(message.endpointId)) gateway.send(this.directoryMessage());
        return;
      case "traffic": {
        const { load, stats } = this.engine;
        for (const [kind, endpointId, at] of message.load) load[kind](endpointId, at);
        for (const [endpointId, name, status, latencyMs, logged] of message.records) stats.record(endpointId, name, status, latencyMs, logged ?? undefined);
        const counts = this.gateways.get(gateway);
        if (!counts) return;
        for (const [replicaId, count] of message.inFlight) {
          if (count === 0) counts.delete(replicaId);
          else counts.set(replicaId, count);
          this.sumInFlight(replicaId);
        }
        return;
      }
    }
  }

  private async answer(call: Call): Promise<unknown> {
    const { deps } = this.engine;
    switch (call.op) {
      case "resolve": {
        const target = await deps.resolve(call.namespace, call.name, { fresh: call.fresh });
        return { target, retryAfterSeconds: target ? deps.retryAfterSeconds(target.id) : 5 };
      }
      case "verifyToken":
        return deps.verifyToken(call.token, call.organizationId);
      case "providerToken":
        return deps.providerToken(call.organizationId);
    }
  }

  private sumInFlight(replicaId: string): void {
    let total = 0;
    for (const counts of this.gateways.values()) total += counts.get(replicaId) ?? 0;
    this.engine.setInFlight(replicaId, total);
  }

  private directoryMessage(): ToGateway {
    const directory: DirectoryEntry[] = [];
    for (const [endpointId, replicas] of this.engine.directory()) {
      directory.push([endpointId, replicas.map((r): DirectoryEntry[1][number] => (r.headers ? [r.id, r.url, { ...r.headers }] : [r.id, r.url]))]);
    }
    return { t: "replicas", directory };
  }

  private announce(always: boolean): void {
    if (this.gateways.size === 0) return;
    const message = this.directoryMessage();
    const text = JSON.stringify(message);
    if (!always && text === this.announced) return;
    this.announced = text;
    for (const gateway of this.gateways.keys()) gateway.send(message);
  }
}
