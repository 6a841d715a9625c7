import { and, asc, desc, eq, gte, lt } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { getDb } from "@/lib/db";
import { coldStarts, endpointMetrics, endpoints, replicaSamples, requestStats, type EndpointRow } from "@/lib/db/schema";
import { accrue, type ReplicaSample } from "./accrue";
import { priceVersions } from "./prices";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;

type MetricsRow = typeof endpointMetrics.$inferInsert;
const COUNTERS = [
  "readySeconds",
  "billedSeconds",
  "storageSeconds",
  "computeCost",
  "storageCost",
  "requests",
  "status2xx",
  "status4xx",
  "status5xx",
  "latencyMsSum",
  "coldStarts",
  "coldStartMsSum",
] as const;
const MAXIMA = ["maxReady", "maxTarget", "latencyMsMax", "coldStartMsMax"] as const;

function addHistograms(a: number[], b: number[]): number[] {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
}

export interface RollupOptions {
  /** Time younger than this is left for later: the gateway flushes its counts every 5 s. */
  lagMs?: number;
  /** At most this many minutes per call, so catching up never blocks the controller for long. */
  maxMinutes?: number;
}

/**
 * Rolls the endpoint's raw rows (replica samples, request counts, cold starts) of the closed minutes
 * since its watermark into 1-minute rows, then re-sums the hours those minutes touch into 1-hour rows,
 * and moves the watermark. Returns the number of minutes rolled up.
 */
export async function rollUpEndpoint(endpoint: EndpointRow, now: number, { lagMs = 6_000, maxMinutes = 24 * 60 }: RollupOptions = {}): Promise<number> {
  const db = await getDb();
  const from = endpoint.metricsThrough?.getTime() ?? floorTo(endpoint.createdAt.getTime(), MINUTE);
  const endOfLife = endpoint.deletedAt?.getTime() ?? Infinity;
  const settled = Math.min(now - lagMs, endOfLife);
  const closedUntil = endOfLife <= now - lagMs ? Math.ceil(endOfLife / MINUTE) * MINUTE : floorTo(settled, MINUTE);
  const to = Math.min(closedUntil, from + maxMinutes * MINUTE);
  // The minute in progress is rolled up too, as far as it goes, so charts are live; the watermark stays
  // before it and the next call recomputes it whole from the raw rows.
  const until = to === closedUntil && settled > to ? settled : to;
  if (until <= from) return 0;
  const range = (column: AnyPgColumn) => and(gte(column, new Date(from)), lt(column, new Date(until)));

  const [before] = await db
    .select()
    .from(replicaSamples)
    .where(and(eq(replicaSamples.endpointId, endpoint.id), lt(replicaSamples.at, new Date(from))))
    .orderBy(desc(replicaSamples.at))
    .limit(1);
  const inRange = await db
    .select()
    .from(replicaSamples)
    .where(and(eq(replicaSamples.endpointId, endpoint.id), range(replicaSamples.at)))
    .orderBy(asc(replicaSamples.at));
  const samples: ReplicaSample[] = [...(before ? [before] : []), ...inRange].map((s) => ({ at: s.at.getTime(), ready: s.ready, target: s.target }));
  const prices = await priceVersions(endpoint.instanceType);
  const stats = await db.select().from(requestStats).where(and(eq(requestStats.endpointId, endpoint.id), range(requestStats.at)));
  const starts = await db.select().from(coldStarts).where(and(eq(coldStarts.endpointId, endpoint.id), range(coldStarts.readyAt)));

  const rows: MetricsRow[] = [];
  for (let minute = from; minute < until; minute += MINUTE) {
    const end = Math.min(minute + MINUTE, endOfLife, until);
    const a = accrue(samples, prices, minute, end);
    const inMinute = <T>(list: T[], at: (item: T) => Date) => list.filter((item) => floorTo(at(item).getTime(), MINUTE) === minute);
    const s = inMinute(stats, (r) => r.at);
    const c = inMinute(starts, (r) => r.readyAt);
    if (a.billedSeconds === 0 && a.storageSeconds === 0 && a.readySeconds === 0 && s.length === 0 && c.length === 0) continue;
    rows.push({
      endpointId: endpoint.id,
      resolution: "1m",
      bucket: new Date(minute),
      ...a,
      requests: s.reduce((n, r) => n + r.requests, 0),
      status2xx: s.reduce((n, r) => n + r.status2xx, 0),
      status4xx: s.reduce((n, r) => n + r.status4xx, 0),
      status5xx: s.reduce((n, r) => n + r.status5xx, 0),
      latencyMsSum: s.reduce((n, r) => n + r.latencyMsSum, 0),
      latencyMsMax: s.reduce((n, r) => Math.max(n, r.latencyMsMax), 0),
      latencyHistogram: s.reduce<number[]>((h, r) => addHistograms(h, r.latencyHistogram), []),
      coldStarts: c.length,
      coldStartMsSum: c.reduce((n, r) => n + r.durationMs, 0),
      coldStartMsMax: c.reduce((n, r) => Math.max(n, r.durationMs), 0),
    });
  }

  await db.transaction(async (tx) => {
    for (const row of rows) {
      await tx.insert(endpointMetrics).values(row).onConflictDoUpdate({ target: [endpointMetrics.endpointId, endpointMetrics.resolution, endpointMetrics.bucket], set: row });
    }
    // Each hour touched is the exact sum of its minutes.
    for (let hour = floorTo(from, HOUR); hour < until; hour += HOUR) {
      const minutes = await tx
        .select()
        .from(endpointMetrics)
        .where(
          and(
            eq(endpointMetrics.endpointId, endpoint.id),
            eq(endpointMetrics.resolution, "1m"),
            gte(endpointMetrics.bucket, new Date(hour)),
            lt(endpointMetrics.bucket, new Date(hour + HOUR)),
          ),
        );
      if (minutes.length === 0) continue;
      const sum: MetricsRow = { endpointId: endpoint.id, resolution: "1h", bucket: new Date(hour), latencyHistogram: [] };
      for (const m of minutes) {
        for (const k of COUNTERS) (sum[k] as number) = ((sum[k] as number | undefined) ?? 0) + m[k];
        for (const k of MAXIMA) (sum[k] as number) = Math.max((sum[k] as number | undefined) ?? 0, m[k]);
        sum.latencyHistogram = addHistograms(sum.latencyHistogram!, m.latencyHistogram);
      }
      await tx.insert(endpointMetrics).values(sum).onConflictDoUpdate({ target: [endpointMetrics.endpointId, endpointMetrics.resolution, endpointMetrics.bucket], set: sum });
    }
    await tx.update(endpoints).set({ metricsThrough: new Date(to) }).where(eq(endpoints.id, endpoint.id));
  });
  return (to - from) / MINUTE;
}
