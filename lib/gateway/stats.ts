/** Gateway traffic per endpoint: counts by status class and latency, for the database and /metrics. */

// Upper bounds of the latency histogram, in seconds (Prometheus `le`).
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export interface StatsDelta {
  endpointId: string;
  requests: number;
  status2xx: number;
  status4xx: number;
  status5xx: number;
  latencyMsSum: number;
  latencyMsMax: number;
}

class Counters {
  requests = 0;
  byStatus = new Map<number, number>();
  latencySum = 0;
  latencyMax = 0;
  buckets = new Array<number>(BUCKETS.length).fill(0);
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
    for (const c of [total.counters, delta]) {
      c.requests++;
      c.byStatus.set(status, (c.byStatus.get(status) ?? 0) + 1);
      c.latencySum += latencyMs;
      c.latencyMax = Math.max(c.latencyMax, latencyMs);
    }
    const seconds = latencyMs / 1000;
    const bucket = BUCKETS.findIndex((le) => seconds <= le);
    if (bucket >= 0) total.counters.buckets[bucket]!++;
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
