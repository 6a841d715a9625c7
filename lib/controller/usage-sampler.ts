import type { ReplicaUsageReading } from "@/lib/providers/local/provider";

/** One stored usage sample: the CPU time a replica used over `intervalSeconds` before `at`, and its memory then. */
export interface ReplicaUsageRow {
  replicaId: string;
  endpointId: string;
  at: Date;
  cpuSeconds: number;
  intervalSeconds: number;
  rssBytes: number;
}

/**
 * Turns readings of CPU time since each replica started into CPU used per interval. A replica's first
 * reading covers the time since it started; a replica no longer read is forgotten.
 */
export class UsageSampler {
  private readonly last = new Map<string, { at: number; cpuSeconds: number }>();

  rows(readings: ReplicaUsageReading[]): ReplicaUsageRow[] {
    const rows: ReplicaUsageRow[] = [];
    const seen = new Set<string>();
    for (const r of readings) {
      seen.add(r.replicaId);
      const previous = this.last.get(r.replicaId) ?? { at: r.startedAt, cpuSeconds: 0 };
      this.last.set(r.replicaId, { at: r.at, cpuSeconds: r.cpuSeconds });
      const intervalSeconds = (r.at - previous.at) / 1000;
      if (intervalSeconds <= 0) continue;
      rows.push({
        replicaId: r.replicaId,
        endpointId: r.endpointId,
        at: new Date(r.at),
        // A child that exited takes its CPU time out of the group's sum: never a negative use.
        cpuSeconds: Math.max(0, r.cpuSeconds - previous.cpuSeconds),
        intervalSeconds,
        rssBytes: r.rssBytes,
      });
    }
    for (const id of this.last.keys()) if (!seen.has(id)) this.last.delete(id);
    return rows;
  }
}
