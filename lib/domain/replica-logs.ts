/** A replica's last usage sample: average CPU cores over the sample's interval, resident memory then. */
export interface ReplicaUsageNow {
  at: string;
  cpuCores: number;
  memoryBytes: number;
}

/** One recent replica, as the REST API, the console and the CLI show it. */
export interface ReplicaSummary {
  id: string;
  status: "starting" | "ready" | "draining" | "stopped";
  startedAt: string;
  readyAt: string | null;
  stoppedAt: string | null;
  /** Null for a replica never sampled (just started, or run by a provider Ebb cannot look inside). */
  usage: ReplicaUsageNow | null;
}

/** What one replica wrote, as the REST API, the console and the CLI show it. */
export interface ReplicaLogs extends ReplicaSummary {
  lines: Array<{ at: string; stream: "stdout" | "stderr"; line: string }>;
}
