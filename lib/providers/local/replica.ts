import type { ChildProcess } from "node:child_process";

export type ReplicaStatus = "starting" | "ready" | "draining" | "stopped";

/** How a local endpoint's replicas run. */
export type RuntimeSpec =
  | {
      kind: "builtin";
      /** Extra seconds of loading, to look like a bigger model's cold start. */
      loadSeconds?: number;
      /** Decode speed to emulate; 0 or absent for as fast as the model goes. */
      tokensPerSecond?: number;
    }
  | {
      kind: "command";
      /** Shell command; $PORT is replaced by the port to listen on (also in the PORT variable). */
      command: string;
      healthPath?: string;
    };

export interface ReplicaSpec {
  endpointId: string;
  model: string;
  runtime: RuntimeSpec;
}

/** One replica process. The gateway counts its requests in flight; the provider drains on that count. */
export class Replica {
  status: ReplicaStatus = "starting";
  inFlight = 0;
  pid: number | null = null;
  port: number | null = null;
  readyAt: number | null = null;
  child: ChildProcess | null = null;
  /** The last lines the process wrote to stderr, for crash messages. */
  stderrTail: string[] = [];

  constructor(
    readonly id: string,
    readonly spec: ReplicaSpec,
    readonly startedAt: number,
  ) {}

  get endpointId(): string {
    return this.spec.endpointId;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get healthPath(): string {
    return this.spec.runtime.kind === "command" ? (this.spec.runtime.healthPath ?? "/health") : "/health";
  }
}

/** Where replicas are recorded, so a restarted controller can adopt them or clean them up. */
export interface ReplicaRecord {
  id: string;
  endpointId: string;
  pid: number | null;
  port: number | null;
  status: ReplicaStatus;
  startedAt: Date;
  readyAt: Date | null;
}

export interface ReplicaStore {
  save(record: ReplicaRecord): Promise<void>;
  listActive(): Promise<ReplicaRecord[]>;
}
