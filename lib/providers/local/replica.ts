import type { ChildProcess } from "node:child_process";
import type { RuntimeDefinition } from "@/lib/runtimes/catalog";
import { BUILTIN_RUNTIME } from "@/lib/domain/runtime";
import { OutputTail, outputPath, type OutputStream } from "./output-file";

export type ReplicaStatus = "starting" | "ready" | "draining" | "stopped";

/** What a local endpoint's replicas run: a runtime of the operator's catalog (null: no longer in it). */
export interface ReplicaSpec {
  endpointId: string;
  model: string;
  runtimeName: string;
  runtime: RuntimeDefinition | null;
  /** The built-in server's emulation of a bigger model: extra load time, decode speed (0: as fast as it goes). */
  emulation: { loadSeconds: number; tokensPerSecond: number };
}

export interface ReplicaOutputLine {
  at: Date;
  stream: "stdout" | "stderr";
  line: string;
}

/** Lines of a replica's output kept for messages and the logs view. */
const OUTPUT_LINES = 200;

/** One replica process. The gateway counts its requests in flight; the provider drains on that count. */
export class Replica {
  status: ReplicaStatus = "starting";
  inFlight = 0;
  pid: number | null = null;
  port: number | null = null;
  readyAt: number | null = null;
  child: ChildProcess | null = null;
  /** Set when Ebb drains or stops it: its exit is then no failure. */
  stopRequested = false;
  /** The last lines the process wrote to stdout and stderr, for crash messages. */
  output: string[] = [];
  private unsaved: ReplicaOutputLine[] = [];
  private tails: OutputTail[] = [];

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
    return this.spec.runtime?.healthPath ?? "/health";
  }

  get builtin(): boolean {
    return this.spec.runtimeName === BUILTIN_RUNTIME;
  }

  keepOutput(line: string, stream: "stdout" | "stderr"): void {
    const text = line.length > 2000 ? `${line.slice(0, 2000)}…` : line;
    this.output.push(text);
    if (this.output.length > OUTPUT_LINES) this.output.shift();
    // For the replica logs: taken by the controller at its next flush, dropped past a bound if it is late.
    this.unsaved.push({ at: new Date(), stream, line: text });
    if (this.unsaved.length > OUTPUT_LINES) this.unsaved.shift();
  }

  /**
   * Follows the files the process writes its output to: from their start for a replica this console
   * spawned, from their end for one it adopts (what came before was read by the console before it).
   * `onStdout` sees each stdout line first and may claim it (true) instead of keeping it.
   */
  followOutput({ fromEnd, onStdout }: { fromEnd: boolean; onStdout?: (line: string) => boolean }): void {
    this.closeOutput();
    const follow = (stream: OutputStream, claim?: (line: string) => boolean) =>
      new OutputTail(
        outputPath(this.id, stream),
        (line) => {
          if (!claim?.(line)) this.keepOutput(line, stream);
        },
        { fromEnd },
      );
    this.tails = [follow("stdout", onStdout), follow("stderr")];
  }

  /** Reads the output written so far, at once (before its last lines are reported). */
  readOutput(): void {
    for (const tail of this.tails) tail.read();
  }

  /** Reads what is left of the output and stops following it; the process may go on writing. */
  closeOutput(): void {
    for (const tail of this.tails) tail.close();
    this.tails = [];
  }

  /** Lines written since the last call, oldest first. */
  takeUnsavedOutput(): ReplicaOutputLine[] {
    const lines = this.unsaved;
    this.unsaved = [];
    return lines;
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
