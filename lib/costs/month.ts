import { and, eq, gte, inArray } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { endpointMetrics, endpoints, type EndpointMetricsRow, type EndpointRow } from "@/lib/db/schema";
import { priceKeyOf } from "@/lib/domain/providers";
import { currentPrice, type CurrentPrice } from "./prices";
import { PROJECTION_DAYS, projectMonth, type ProjectionBasis } from "./projection";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

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
  basis: ProjectionBasis;
  /** The instance type's prices now. */
  price: CurrentPrice | null;
  /** This month's hourly rollups. */
  rows: EndpointMetricsRow[];
}

/** Each endpoint's cost this month and its projection to the month's end (see `projectMonth`). */
export async function monthCosts(organizationId: string, now = Date.now()): Promise<MonthCost[]> {
  const db = await getDb();
  const start = monthStart(now);
  const from = Math.min(start, Math.floor((now - PROJECTION_DAYS * DAY) / HOUR) * HOUR);
  const all = await db.select().from(endpoints).where(eq(endpoints.organizationId, organizationId));
  const rows = all.length
    ? await db
        .select()
        .from(endpointMetrics)
        .where(and(inArray(endpointMetrics.endpointId, all.map((e) => e.id)), eq(endpointMetrics.resolution, "1h"), gte(endpointMetrics.bucket, new Date(from))))
    : [];
  const prices = new Map<string, CurrentPrice | null>();
  const result: MonthCost[] = [];
  for (const endpoint of all) {
    const own = rows.filter((r) => r.endpointId === endpoint.id);
    const thisMonth = own.filter((r) => r.bucket.getTime() >= start);
    const monthToDate = thisMonth.reduce((n, r) => n + r.computeCost + r.storageCost, 0);
    const key = priceKeyOf(endpoint);
    if (!prices.has(key)) prices.set(key, await currentPrice(key, now));
    const price = prices.get(key);
    const { projected, basis } = projectMonth({
      now,
      monthEnd: monthEnd(now),
      monthToDate,
      createdAt: endpoint.createdAt.getTime(),
      deleted: endpoint.deletedAt !== null,
      paused: endpoint.desiredState === "paused",
      hours: own.map((r) => ({ at: r.bucket.getTime(), cost: r.computeCost + r.storageCost })),
      replicasNow: endpoint.targetReplicas,
      pricePerHour: price?.pricePerHour ?? 0,
      storagePricePerHour: price?.storagePricePerHour ?? 0,
    });
    result.push({ endpoint, monthToDate, projected, basis, price: price ?? null, rows: thisMonth });
  }
  return result;
}
