/** What one replica wrote, as the REST API, the console and the CLI show it. */
export interface ReplicaLogs {
  id: string;
  status: "starting" | "ready" | "draining" | "stopped";
  startedAt: string;
  readyAt: string | null;
  stoppedAt: string | null;
  lines: Array<{ at: string; stream: "stdout" | "stderr"; line: string }>;
}
