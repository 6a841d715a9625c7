import { and, asc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { coldStarts, endpointMetrics, endpoints } from "@/lib/db/schema";
import { LATENCY_BUCKETS_MS } from "@/lib/domain/latency";
import { histogramPercentile, RANGES, type RangeKey } from "@/lib/domain/ranges";
import { monthCosts, monthEnd, monthStart } from "@/lib/costs/month";
import { addToDay, everyDay } from "@/lib/domain/daily-cost";
import type { SeriesPoint } from "@/lib/domain/series";
import { assertCan, type Caller } from "./caller";
import { getEndpointByName } from "./endpoints";

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The endpoint's charts over a range, from the rollup that range needs. */
export async function getEndpointSeries({ caller, name, range, now = Date.now() }: { caller: Caller; name: string; range: RangeKey; now?: number }) {
  const endpoint = await getEndpointByName({ caller, name });
  const { ms, resolution, bucketMs } = RANGES[range];
  const from = Math.floor((now - ms) / bucketMs) * bucketMs;
  const db = await getDb();
  const rows = await db
    .select()
    .from(endpointMetrics)
    .where(and(eq(endpointMetrics.endpointId, endpoint.id), eq(endpointMetrics.resolution, resolution), gte(endpointMetrics.bucket, new Date(from))))
    .orderBy(asc(endpointMetrics.bucket));
  const starts = await db
    .select({ readyAt: coldStarts.readyAt, durationMs: coldStarts.durationMs })
    .from(coldStarts)
    .where(and(eq(coldStarts.endpointId, endpoint.id), gte(coldStarts.readyAt, new Date(from))));
  let cumulative = 0;
  // Rollup rows summed into the range's buckets (minutes into quarter-hours, hours into quarter-days).
  const byBucket = new Map<number, typeof rows>();
  for (const r of rows) {
    const bucket = Math.floor(r.bucket.getTime() / bucketMs) * bucketMs;
    byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), r]);
  }
  const points: SeriesPoint[] = [];
  // Every bucket of the window: those with nothing recorded as zeros, so a quiet hour shows as quiet,
  // and those before the endpoint existed (or after its deletion) as nothing.
  const born = Math.floor(endpoint.createdAt.getTime() / bucketMs) * bucketMs;
  const gone = endpoint.deletedAt?.getTime() ?? Infinity;
  for (let bucket = from; bucket < now; bucket += bucketMs) {
    if (bucket < born || bucket >= gone) {
      points.push({ t: bucket, ready: null, maxReady: null, target: null, requests: null, errors: null, p50: null, p95: null, coldStarts: null, coldStartP50: null, coldStartMax: null, cost: null, cumulativeCost: null, cpuCores: null, memoryBytes: null });
      continue;
    }
    const group = byBucket.get(bucket) ?? [];
    const sum = (get: (r: (typeof rows)[number]) => number) => group.reduce((n, r) => n + get(r), 0);
    const max = (get: (r: (typeof rows)[number]) => number) => group.reduce((n, r) => Math.max(n, get(r)), 0);
    const histogram = group.reduce<number[]>((h, r) => r.latencyHistogram.map((n, i) => n + (h[i] ?? 0)), []);
    const durations = starts.filter((s) => Math.floor(s.readyAt.getTime() / bucketMs) * bucketMs === bucket).map((s) => s.durationMs);
    const cost = sum((r) => r.computeCost + r.storageCost);
    cumulative += cost;
    const coldStartCount = sum((r) => r.coldStarts);
    // The bucket in progress is covered only up to the last rollup, a few seconds ago.
    const covered = Math.min(bucketMs, Math.max(1000, now - 6000 - bucket));
    const usageSeconds = sum((r) => r.usageSeconds);
    points.push({
      t: bucket,
      ready: sum((r) => r.readySeconds) / (covered / 1000),
      maxReady: max((r) => r.maxReady),
      target: max((r) => r.maxTarget),
      requests: sum((r) => r.requests),
      errors: sum((r) => r.status5xx),
      p50: group.length ? histogramPercentile(histogram, LATENCY_BUCKETS_MS, 0.5) : null,
      p95: group.length ? histogramPercentile(histogram, LATENCY_BUCKETS_MS, 0.95) : null,
      coldStarts: coldStartCount,
      coldStartP50: median(durations),
      coldStartMax: coldStartCount > 0 ? max((r) => r.coldStartMsMax) : null,
      cost,
      cumulativeCost: cumulative,
      cpuCores: usageSeconds > 0 ? sum((r) => r.cpuSeconds) / usageSeconds : null,
      memoryBytes: usageSeconds > 0 ? max((r) => r.memoryBytesMax) : null,
    });
  }
  return { range, resolution, bucketMs, from, to: now, points, totalCost: cumulative };
}

const HOUR = 3_600_000;

/**
 * The dashboard's numbers for the caller's organization: month-to-date cost, the month projected
 * (`projectMonth`), savings against the same endpoints always on at their peak replica count,
 * replicas running now, cold starts in the last 24 h, and cost per endpoint per day.
 */
export async function getOrganizationSummary({ caller, now = Date.now() }: { caller: Caller; now?: number }) {
  assertCan(caller, "endpoints.view");
  const db = await getDb();
  const costs = await monthCosts(caller.organizationId, now);
  const monthToDate = costs.reduce((n, c) => n + c.monthToDate, 0);
  const projected = costs.reduce((n, c) => n + c.projected, 0);

  let alwaysOn = 0;
  for (const { endpoint, rows, price } of costs) {
    const peak = rows.reduce((n, r) => Math.max(n, r.maxTarget), 0);
    if (peak === 0) continue;
    const lived = Math.min(now, endpoint.deletedAt?.getTime() ?? now) - Math.max(monthStart(now), endpoint.createdAt.getTime());
    alwaysOn += (peak * Math.max(0, lived) * (price?.pricePerHour ?? 0)) / HOUR;
  }

  const ids = costs.map((c) => c.endpoint.id);
  const [cold] = ids.length
    ? await db
        .select({ n: sql<number>`count(*)::int` })
        .from(coldStarts)
        .where(and(inArray(coldStarts.endpointId, ids), gte(coldStarts.readyAt, new Date(now - 24 * HOUR))))
    : [{ n: 0 }];

  const byDay = new Map<number, Record<string, number>>();
  for (const { endpoint, rows } of costs) {
    for (const r of rows) addToDay(byDay, r.bucket.getTime(), endpoint.name, r.computeCost + r.storageCost);
  }
  const live = costs.map((c) => c.endpoint).filter((e) => e.deletedAt === null);

  return {
    monthToDate,
    projected,
    alwaysOn,
    savings: Math.max(0, alwaysOn - monthToDate),
    replicasNow: live.reduce((n, e) => n + e.readyReplicas, 0),
    coldStarts24h: cold?.n ?? 0,
    endpointNames: costs.filter((c) => c.rows.length > 0).map((c) => c.endpoint.name),
    // The whole month, the days to come empty: on its first day the chart is one slim bar, not one wide one.
    costByDay: everyDay(monthStart(now), monthEnd(now), byDay),
    endpoints: live.map((e) => ({ name: e.name, state: e.state, ready: e.readyReplicas, target: e.targetReplicas })),
  };
}

/** The last 24 hours of ready replicas per endpoint, hourly: the dashboard's sparklines. */
export async function getReplicaSparklines({ caller, now = Date.now() }: { caller: Caller; now?: number }) {
  assertCan(caller, "endpoints.view");
  const db = await getDb();
  const rows = await db
    .select({ name: endpoints.name, bucket: endpointMetrics.bucket, ready: endpointMetrics.readySeconds, maxReady: endpointMetrics.maxReady })
    .from(endpointMetrics)
    .innerJoin(endpoints, eq(endpoints.id, endpointMetrics.endpointId))
    .where(
      and(
        eq(endpoints.organizationId, caller.organizationId),
        isNull(endpoints.deletedAt),
        eq(endpointMetrics.resolution, "1h"),
        gte(endpointMetrics.bucket, new Date(now - 24 * HOUR)),
      ),
    )
    .orderBy(asc(endpointMetrics.bucket));
  const byName = new Map<string, Array<{ t: number; ready: number }>>();
  for (const r of rows) {
    const list = byName.get(r.name) ?? [];
    list.push({ t: r.bucket.getTime(), ready: r.maxReady });
    byName.set(r.name, list);
  }
  // Each line ends with the count right now, so a young endpoint has a line too.
  const live = await db
    .select({ name: endpoints.name, ready: endpoints.readyReplicas })
    .from(endpoints)
    .where(and(eq(endpoints.organizationId, caller.organizationId), isNull(endpoints.deletedAt)));
  for (const e of live) byName.set(e.name, [...(byName.get(e.name) ?? []), { t: now, ready: e.ready }]);
  return Object.fromEntries(byName);
}

/** What each of the organization's endpoints has cost since midnight (UTC). */
export async function getCostToday({ caller, now = Date.now() }: { caller: Caller; now?: number }): Promise<Record<string, number>> {
  assertCan(caller, "endpoints.view");
  const db = await getDb();
  const midnight = new Date(Math.floor(now / (24 * HOUR)) * 24 * HOUR);
  const rows = await db
    .select({ name: endpoints.name, cost: sql<number>`sum(${endpointMetrics.computeCost} + ${endpointMetrics.storageCost})` })
    .from(endpointMetrics)
    .innerJoin(endpoints, eq(endpoints.id, endpointMetrics.endpointId))
    .where(and(eq(endpoints.organizationId, caller.organizationId), isNull(endpoints.deletedAt), eq(endpointMetrics.resolution, "1h"), gte(endpointMetrics.bucket, midnight)))
    .groupBy(endpoints.name);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.cost)]));
}
