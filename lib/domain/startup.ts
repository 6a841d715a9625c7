/** A start in progress, as the endpoint page shows it. */
export interface StartupProgress {
  /** Replicas asked for and not ready yet. */
  starting: number;
  /** When the oldest starting replica started; null before its process is up. */
  since: string | null;
  elapsedSeconds: number | null;
  /** How long a start usually takes; null when nothing says. */
  expectedSeconds: number | null;
  /** Where that comes from: this endpoint's past starts, or the runtime's stated load time. */
  expectedFrom: "measured" | "runtime" | null;
  phase: string;
  /** The starting replica's last line of output. */
  lastLine: string | null;
}
