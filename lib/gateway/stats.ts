/** Gateway traffic per endpoint: counts by status class and latency, for the database and /metrics. */

/** Upper bounds of the latency histogram in milliseconds; one more bucket counts everything above. */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000];
const BUCKETS = LATENCY_BUCKETS_MS.map((ms) => ms / 1000);

/** Index of the histogram bucket of a latency (the last one is "above every bound"). */
export function latencyBucket(ms: number): number {
  const i = LATENCY_BUCKETS_MS.findIndex((le) => ms <= le);
  return i === -1 ? LATENCY_BUCKETS_MS.length : i;
}

export interface StatsDelta {
  endpointId: string;
  requests: number;
  status2xx: number;
  status4xx: number;
  status5xx: number;
  latencyMsSum: number;
  latencyMsMax: number;
  latencyHistogram: number[];
}

class Counters {
  requests = 0;
  byStatus = new Map<number, number>();
  latencySum = 0;
  latencyMax = 0;
  buckets = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
}

export class RequestStats {
  /** Since the process started (Prometheus counters never go down). */
  private readonly total = new Map<string, { name: string; counters: Counters }>();
  /** Since the last flush to the database. */
  private pending = new Map<string, Counters>();

  record(endpointId: string, name: string, status: number, latencyMs: number): void {
    let total = this.total.get(endpointId);
    if (!total) this.total.set(endpointId, (total = { name, counters: new Counters() }));
    let delta = this.pending.get(endpointId);
    if (!delta) this.pending.set(endpointId, (delta = new Counters()));
    const bucket = latencyBucket(latencyMs);
    for (const c of [total.counters, delta]) {
      c.requests++;
      c.byStatus.set(status, (c.byStatus.get(status) ?? 0) + 1);
      c.latencySum += latencyMs;
      c.latencyMax = Math.max(c.latencyMax, latencyMs);
      c.buckets[bucket]!++;
    }
  }

  /** What was counted since the last call, and resets it. */
  takeDeltas(): StatsDelta[] {
    const deltas = [...this.pending.entries()].map(([endpointId, c]) => {
      const classCount = (from: number) => [...c.byStatus].filter(([s]) => s >= from && s < from + 100).reduce((n, [, v]) => n + v, 0);
      return {
        endpointId,
        requests: c.requests,
        status2xx: classCount(200),
        status4xx: classCount(400),
        status5xx: classCount(500),
        latencyMsSum: c.latencySum,
        latencyMsMax: c.latencyMax,
        latencyHistogram: [...c.buckets],
      };
    });
    this.pending = new Map();
    return deltas;
  }

  /** Puts deltas back after a failed flush, so nothing is lost. */
  restore(deltas: StatsDelta[]): void {
    for (const d of deltas) {
      let c = this.pending.get(d.endpointId);
      if (!c) this.pending.set(d.endpointId, (c = new Counters()));
      c.requests += d.requests;
      c.byStatus.set(200, (c.byStatus.get(200) ?? 0) + d.status2xx);
      c.byStatus.set(400, (c.byStatus.get(400) ?? 0) + d.status4xx);
      c.byStatus.set(500, (c.byStatus.get(500) ?? 0) + d.status5xx);
      c.latencySum += d.latencyMsSum;
      c.latencyMax = Math.max(c.latencyMax, d.latencyMsMax);
      d.latencyHistogram.forEach((n, i) => (c.buckets[i] = (c.buckets[i] ?? 0) + n));
    }
  }

  prometheus(): string {
    const lines = [
      "# HELP ebb_gateway_requests_total Requests through the gateway by endpoint and status code.",
      "# TYPE ebb_gateway_requests_total counter",
    ];
    for (const { name, counters } of this.total.values()) {
      for (const [status, n] of counters.byStatus) lines.push(`ebb_gateway_requests_total{endpoint="${name}",code="${status}"} ${n}`);
    }
    lines.push(
      "# HELP ebb_gateway_request_duration_seconds Time from request to end of response at the gateway.",
      "# TYPE ebb_gateway_request_duration_seconds histogram",
    );
    for (const { name, counters } of this.total.values()) {
      let cumulative = 0;
      BUCKETS.forEach((le, i) => {
        cumulative += counters.buckets[i]!;
        lines.push(`ebb_gateway_request_duration_seconds_bucket{endpoint="${name}",le="${le}"} ${cumulative}`);
      });
      lines.push(`ebb_gateway_request_duration_seconds_bucket{endpoint="${name}",le="+Inf"} ${counters.requests}`);
      lines.push(`ebb_gateway_request_duration_seconds_sum{endpoint="${name}"} ${counters.latencySum / 1000}`);
      lines.push(`ebb_gateway_request_duration_seconds_count{endpoint="${name}"} ${counters.requests}`);
    }
    return `${lines.join("\n")}\n`;
  }
}
