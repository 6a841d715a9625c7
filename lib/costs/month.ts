import { and, eq, gte, inArray } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { endpointMetrics, endpoints, type EndpointMetricsRow, type EndpointRow } from "@/lib/db/schema";

const HOUR = 3_600_000;

export function monthStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

export function monthEnd(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** "2026-11": the month a budget alert belongs to. */
export function monthKey(now: number): string {
  return new Date(now).toISOString().slice(0, 7);
}

export interface MonthCost {
  endpoint: EndpointRow;
  monthToDate: number;
  projected: number;
  rows: EndpointMetricsRow[];
}

/**
 * Each endpoint's cost this month and its projection to the month's end at its run-rate: what the
 * last 24 hours cost (or the time since it was created, if less), carried forward.
 */
export async function monthCosts(organizationId: string, now = Date.now()): Promise<MonthCost[]> {
  const db = await getDb();
  const start = monthStart(now);
  const all = await db.select().from(endpoints).where(eq(endpoints.organizationId, organizationId));
  const rows = all.length
    ? await db
        .select()
        .from(endpointMetrics)
        .where(and(inArray(endpointMetrics.endpointId, all.map((e) => e.id)), eq(endpointMetrics.resolution, "1h"), gte(endpointMetrics.bucket, new Date(start))))
    : [];
  return all.map((endpoint) => {
    const own = rows.filter((r) => r.endpointId === endpoint.id);
    const monthToDate = own.reduce((n, r) => n + r.computeCost + r.storageCost, 0);
    const since = Math.floor(Math.max(now - 24 * HOUR, start, endpoint.createdAt.getTime()) / HOUR) * HOUR;
    const recent = own.filter((r) => r.bucket.getTime() >= since).reduce((n, r) => n + r.computeCost + r.storageCost, 0);
    const rate = recent / Math.max(60_000, now - since);
    const stillRunning = endpoint.deletedAt === null && endpoint.desiredState !== "paused";
    const projected = monthToDate + (stillRunning ? rate * (monthEnd(now) - now) : 0);
    return { endpoint, monthToDate, projected, rows: own };
  });
}
