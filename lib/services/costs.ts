import { ValidationError } from "@/lib/errors";
import { and, asc, eq, gte, lt } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { endpointMetrics, endpoints } from "@/lib/db/schema";
import { assertCan, type Caller } from "./caller";

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

export interface CostLine {
  day: string;
  endpoint: string;
  deleted: boolean;
  instanceType: string;
  replicaHours: number;
  compute: number;
  storage: number;
}

/** Cost per endpoint per day over [from, to) (whole UTC days), deleted endpoints included. */
export async function getCostLines({ caller, from, to }: { caller: Caller; from: Date; to: Date }): Promise<CostLine[]> {
  assertCan(caller, "endpoints.view");
  const db = await getDb();
  const rows = await db
    .select({ bucket: endpointMetrics.bucket, name: endpoints.name, deletedAt: endpoints.deletedAt, instanceType: endpoints.instanceType, billed: endpointMetrics.billedSeconds, compute: endpointMetrics.computeCost, storage: endpointMetrics.storageCost, id: endpoints.id })
    .from(endpointMetrics)
    .innerJoin(endpoints, eq(endpoints.id, endpointMetrics.endpointId))
    .where(and(eq(endpoints.organizationId, caller.organizationId), eq(endpointMetrics.resolution, "1h"), gte(endpointMetrics.bucket, from), lt(endpointMetrics.bucket, to)))
    .orderBy(asc(endpointMetrics.bucket));
  const lines = new Map<string, CostLine>();
  for (const r of rows) {
    const day = new Date(Math.floor(r.bucket.getTime() / DAY) * DAY).toISOString().slice(0, 10);
    const key = `${day}|${r.id}`;
    const line = lines.get(key) ?? { day, endpoint: r.name, deleted: r.deletedAt !== null, instanceType: r.instanceType, replicaHours: 0, compute: 0, storage: 0 };
    line.replicaHours += r.billed / 3600;
    line.compute += r.compute;
    line.storage += r.storage;
    lines.set(key, line);
  }
  return [...lines.values()];
}

/** Totals of cost lines grouped by a key (endpoint or instance type). */
export function totalsBy(lines: CostLine[], key: (line: CostLine) => string) {
  const totals = new Map<string, { key: string; replicaHours: number; compute: number; storage: number; total: number }>();
  for (const line of lines) {
    const k = key(line);
    const t = totals.get(k) ?? { key: k, replicaHours: 0, compute: 0, storage: 0, total: 0 };
    t.replicaHours += line.replicaHours;
    t.compute += line.compute;
    t.storage += line.storage;
    t.total += line.compute + line.storage;
    totals.set(k, t);
  }
  return [...totals.values()].sort((a, b) => b.total - a.total);
}

export function costLinesCsv(lines: CostLine[]): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const header = "date,endpoint,deleted,instance_type,replica_hours,compute_usd,storage_usd,total_usd";
  const body = lines.map((l) =>
    [l.day, quote(l.endpoint), l.deleted ? "yes" : "no", l.instanceType, l.replicaHours.toFixed(4), l.compute.toFixed(6), l.storage.toFixed(6), (l.compute + l.storage).toFixed(6)].join(","),
  );
  return [header, ...body].join("\n") + "\n";
}

/** "2026-11-01" → that UTC midnight; anything else → null. */
export function parseDay(value: string | null | undefined): Date | null {
  if (!value || !/^(19[7-9]\d|2\d{3})-\d{2}-\d{2}$/.test(value)) return null;
  const t = Date.parse(`${value}T00:00:00Z`);
  // Date.parse rolls 2026-02-31 over into March: only a day that exists is one.
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value ? null : new Date(t);
}

/** A day given in the query, or the fallback when absent; a malformed one is a 422 naming the parameter. */
function dayParam(field: string, value: string | null | undefined, fallback: Date): Date {
  if (value === null || value === undefined || value === "") return fallback;
  const day = parseDay(value);
  if (!day) throw ValidationError.forField(field, `${field} must be a date like 2026-03-31, from 1970 on.`);
  return day;
}

/**
 * The range of the Costs page: ?from=&to= (inclusive days); by default this month to today, or the
 * month of `to` when only it is given. To before From is a 422 naming "to".
 */
export function costRange(params: { from?: string | null; to?: string | null }, now = Date.now()) {
  const lastDay = dayParam("to", params.to, new Date(Math.floor(now / DAY) * DAY));
  const monthOfLastDay = new Date(Date.UTC(lastDay.getUTCFullYear(), lastDay.getUTCMonth(), 1));
  const from = dayParam("from", params.from, monthOfLastDay);
  if (lastDay < from) throw ValidationError.forField("to", "To must be on or after From.");
  const to = new Date(lastDay.getTime() + DAY);
  return { from, to, fromDay: isoDay(from.getTime()), toDay: isoDay(lastDay.getTime()) };
}

/** The Costs page's quick ranges, as whole UTC days (inclusive). */
export function quickCostRanges(now = Date.now()): Array<{ label: string; from: string; to: string }> {
  const d = new Date(now);
  const today = Math.floor(now / DAY) * DAY;
  const thisMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const lastMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  return [
    { label: "This month", from: isoDay(thisMonth), to: isoDay(today) },
    { label: "Last 7 days", from: isoDay(today - 6 * DAY), to: isoDay(today) },
    { label: "Last 30 days", from: isoDay(today - 29 * DAY), to: isoDay(today) },
    { label: "Last month", from: isoDay(lastMonth), to: isoDay(thisMonth - DAY) },
  ];
}
