import { Counter, Histogram, type Registry } from "prom-client";
import { LATENCY_BUCKETS_MS, latencyBucket } from "@/lib/domain/latency";
import type { LoggedRequest } from "@/lib/domain/request-log";
import { RequestLogBuffer } from "./request-log";

/** Gateway traffic per endpoint: counts by status class and latency, for the database and /metrics. */

const BUCKETS = LATENCY_BUCKETS_MS.map((ms) => ms / 1000);

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
  /** Since the last flush to the database. */
  private pending = new Map<string, Counters>();
  /** Each request that reached its endpoint, since the last flush: the request log replays read. */
  readonly log = new RequestLogBuffer();
  /** Since the process started, for /metrics (Prometheus counters never go down). */
  private readonly requests?: Counter<"endpoint" | "code">;
  private readonly duration?: Histogram<"endpoint">;

  constructor(registry?: Registry) {
    if (!registry) return;
    this.requests = new Counter({ name: "ebb_gateway_requests_total", help: "Requests through the gateway by endpoint and status code.", labelNames: ["endpoint", "code"], registers: [registry] });
    this.duration = new Histogram({ name: "ebb_gateway_request_duration_seconds", help: "Time from request to end of response at the gateway.", labelNames: ["endpoint"], buckets: BUCKETS, registers: [registry] });
  }

  record(endpointId: string, name: string, status: number, latencyMs: number, logged?: LoggedRequest): void {
    if (logged) this.log.record(endpointId, logged);
    let c = this.pending.get(endpointId);
    if (!c) this.pending.set(endpointId, (c = new Counters()));
    c.requests++;
    c.byStatus.set(status, (c.byStatus.get(status) ?? 0) + 1);
    c.latencySum += latencyMs;
    c.latencyMax = Math.max(c.latencyMax, latencyMs);
    c.buckets[latencyBucket(latencyMs)]!++;
    this.labelled(name, status)?.inc();
    this.durationOf(name)?.observe(latencyMs / 1000);
  }

  // Label sets are hashed on every call with an object; the labelled children are kept instead.
  private readonly byNameAndStatus = new Map<string, ReturnType<Counter<"endpoint" | "code">["labels"]>>();
  private readonly durationByName = new Map<string, ReturnType<Histogram<"endpoint">["labels"]>>();

  private labelled(name: string, status: number) {
    if (!this.requests) return undefined;
    const key = `${status} ${name}`;
    let child = this.byNameAndStatus.get(key);
    if (!child) this.byNameAndStatus.set(key, (child = this.requests.labels(name, String(status))));
    return child;
  }

  private durationOf(name: string) {
    if (!this.duration) return undefined;
    let child = this.durationByName.get(name);
    if (!child) this.durationByName.set(name, (child = this.duration.labels(name)));
    return child;
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
}
