import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { and, asc, desc, eq, getTableColumns, gte, lt, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { getDb } from "@/lib/db";
import { coldStarts, endpointMetrics, endpoints, replicaSamples, replicaUsage, requestStats, type EndpointRow } from "@/lib/db/schema";
import { priceKeyOf } from "@/lib/domain/providers";
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
  "cpuSeconds",
  "usageSeconds",
] as const;
const MAXIMA = ["maxReady", "maxTarget", "latencyMsMax", "coldStartMsMax", "memoryBytesMax"] as const;

function addHistograms(a: number[], b: number[]): number[] {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
}

/** Time younger than this is left for later: the gateway flushes its counts every 5 s. */
export const ROLLUP_LAG_MS = 6_000;

export interface RollupOptions {
  lagMs?: number;
  /** At most this many minutes per call. */
  maxMinutes?: number;
  /**
   * Minutes per transaction. Between chunks the event loop runs, so a day of catching up never holds
   * the database (one connection on PGlite) or the thread long enough to delay a wake from zero.
   */
  chunkMinutes?: number;
  /** Awaited before each chunk: where a caller lets more urgent work (a wake from zero) go first. */
  betweenChunks?: () => Promise<void>;
}

/**
 * Rolls the endpoint's raw rows (replica samples, request counts, cold starts, replica usage) of the closed minutes
 * since its watermark into 1-minute rows, then re-sums the hours those minutes touch into 1-hour rows,
 * and moves the watermark, a chunk at a time. Returns the number of minutes rolled up.
 */
export async function rollUpEndpoint(endpoint: EndpointRow, now: number, { lagMs = ROLLUP_LAG_MS, maxMinutes = 24 * 60, chunkMinutes = 15, betweenChunks = () => yieldToEventLoop() }: RollupOptions = {}): Promise<number> {
  const from = endpoint.metricsThrough?.getTime() ?? floorTo(endpoint.createdAt.getTime(), MINUTE);
  const endOfLife = endpoint.deletedAt?.getTime() ?? Infinity;
  const settled = Math.min(now - lagMs, endOfLife);
  const closedUntil = endOfLife <= now - lagMs ? Math.ceil(endOfLife / MINUTE) * MINUTE : floorTo(settled, MINUTE);
  const to = Math.min(closedUntil, from + maxMinutes * MINUTE);
  // The minute in progress is rolled up too, as far as it goes, so charts are live; the watermark stays
  // before it and the next call recomputes it whole from the raw rows.
  const until = to === closedUntil && settled > to ? settled : to;
  if (until <= from) return 0;
  let chunk = from;
  do {
    await betweenChunks();
    const chunkTo = Math.min(to, chunk + chunkMinutes * MINUTE);
    await rollUpRange(endpoint, chunk, chunkTo === to ? until : chunkTo, chunkTo, endOfLife);
    chunk = chunkTo;
  } while (chunk < to);
  return (to - from) / MINUTE;
}

/** Minute rows of [from, until), the hours they touch, and the watermark at `watermark`, in one transaction. */
async function rollUpRange(endpoint: EndpointRow, from: number, until: number, watermark: number, endOfLife: number): Promise<void> {
  const db = await getDb();
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
  const prices = await priceVersions(priceKeyOf(endpoint));
  const stats = byMinute(await db.select().from(requestStats).where(and(eq(requestStats.endpointId, endpoint.id), range(requestStats.at))), (r) => r.at);
  const starts = byMinute(await db.select().from(coldStarts).where(and(eq(coldStarts.endpointId, endpoint.id), range(coldStarts.readyAt))), (r) => r.readyAt);
  const usage = byMinute(await db.select().from(replicaUsage).where(and(eq(replicaUsage.endpointId, endpoint.id), range(replicaUsage.at))), (r) => r.at);

  const rows: MetricsRow[] = [];
  // Each minute accrues over its own samples only (the one in force at its start and those inside), so
  // a day of 10 s samples is one pass, not one pass per minute.
  let first = 0;
  for (let minute = from; minute < until; minute += MINUTE) {
    const end = Math.min(minute + MINUTE, endOfLife, until);
    while (first + 1 < samples.length && samples[first + 1]!.at <= minute) first++;
    let last = first;
    while (last < samples.length && samples[last]!.at < end) last++;
    const a = accrue(samples.slice(first, last), prices, minute, end);
    const s = stats.get(minute) ?? [];
    const c = starts.get(minute) ?? [];
    const u = usage.get(minute) ?? [];
    if (a.billedSeconds === 0 && a.storageSeconds === 0 && a.readySeconds === 0 && s.length === 0 && c.length === 0 && u.length === 0) continue;
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
      cpuSeconds: u.reduce((n, r) => n + r.cpuSeconds, 0),
      usageSeconds: u.reduce((n, r) => n + r.intervalSeconds, 0),
      memoryBytesMax: u.reduce((n, r) => Math.max(n, r.rssBytes), 0),
    });
  }

  await db.transaction(async (tx) => {
    if (rows.length > 0) await tx.insert(endpointMetrics).values(rows).onConflictDoUpdate({ target: METRICS_KEY, set: FROM_EXCLUDED });
    // Each hour touched is the exact sum of its minutes, those rolled up before this chunk included.
    const firstHour = floorTo(from, HOUR);
    const minutes = await tx
      .select()
      .from(endpointMetrics)
      .where(
        and(
          eq(endpointMetrics.endpointId, endpoint.id),
          eq(endpointMetrics.resolution, "1m"),
          gte(endpointMetrics.bucket, new Date(firstHour)),
          lt(endpointMetrics.bucket, new Date(floorTo(until - 1, HOUR) + HOUR)),
        ),
      );
    const hours = new Map<number, MetricsRow>();
    for (const m of minutes) {
      const hour = floorTo(m.bucket.getTime(), HOUR);
      let sum = hours.get(hour);
      if (!sum) hours.set(hour, (sum = { endpointId: endpoint.id, resolution: "1h", bucket: new Date(hour), latencyHistogram: [] }));
      for (const k of COUNTERS) (sum[k] as number) = ((sum[k] as number | undefined) ?? 0) + m[k];
      for (const k of MAXIMA) (sum[k] as number) = Math.max((sum[k] as number | undefined) ?? 0, m[k]);
      sum.latencyHistogram = addHistograms(sum.latencyHistogram!, m.latencyHistogram);
    }
    if (hours.size > 0) await tx.insert(endpointMetrics).values([...hours.values()]).onConflictDoUpdate({ target: METRICS_KEY, set: FROM_EXCLUDED });
    await tx.update(endpoints).set({ metricsThrough: new Date(watermark) }).where(eq(endpoints.id, endpoint.id));
  });
}

function byMinute<T>(list: T[], at: (item: T) => Date): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of list) {
    const minute = floorTo(at(item).getTime(), MINUTE);
    const bucket = map.get(minute);
    if (bucket) bucket.push(item);
    else map.set(minute, [item]);
  }
  return map;
}

const METRICS_KEY = [endpointMetrics.endpointId, endpointMetrics.resolution, endpointMetrics.bucket];
/** A multi-row upsert overwrites every measure with the row's own value. */
const FROM_EXCLUDED = Object.fromEntries(
  [...COUNTERS, ...MAXIMA, "latencyHistogram" as const].map((key) => [key, sql.raw(`excluded."${getTableColumns(endpointMetrics)[key].name}"`)]),
);
