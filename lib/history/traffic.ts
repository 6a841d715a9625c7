import { and, asc, desc, eq, gte, isNotNull, lt, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { coldStarts, replicas, requestLog } from "@/lib/db/schema";
import type { RequestLogSecond } from "@/lib/domain/request-log";

/** What an endpoint's past says about it: how long its replicas take to start, and its traffic. */

/** Starts measured: the most recent ones. */
const STARTS_MEASURED = 20;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** How long this endpoint's replicas take to become ready: the median of its recent starts. */
export async function measuredStartMs(endpointId: string): Promise<number | null> {
  const db = await getDb();
  const recent = await db
    .select({ startedAt: replicas.startedAt, readyAt: replicas.readyAt })
    .from(replicas)
    .where(and(eq(replicas.endpointId, endpointId), isNotNull(replicas.readyAt)))
    .orderBy(desc(replicas.startedAt))
    .limit(STARTS_MEASURED);
  const fromReplicas = median(recent.map((r) => r.readyAt!.getTime() - r.startedAt.getTime()));
  if (fromReplicas !== null) return fromReplicas;
  const starts = await db.select({ durationMs: coldStarts.durationMs }).from(coldStarts).where(eq(coldStarts.endpointId, endpointId)).orderBy(desc(coldStarts.startedAt)).limit(STARTS_MEASURED);
  return median(starts.map((s) => s.durationMs));
}

/** The request log of [from, to), oldest first. */
export async function loggedSeconds(endpointId: string, from: number, to: number): Promise<RequestLogSecond[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(requestLog)
    .where(and(eq(requestLog.endpointId, endpointId), gte(requestLog.second, new Date(Math.floor(from / 1000) * 1000)), lt(requestLog.second, new Date(to))))
    .orderBy(asc(requestLog.second));
  return rows.map((r) => ({ ...r, second: r.second.getTime() }));
}

/**
 * The idle gaps of the endpoint since `since` longer than `longerThanMs`: from one second with requests
 * to the next, to the second (what Auto scale-to-zero learns from; a busy month is one short query).
 */
export async function idleGaps(endpointId: string, since: number, longerThanMs: number): Promise<number[]> {
  const db = await getDb();
  // Both drivers answer raw SQL with { rows }.
  const result = (await db.execute(
    sql`select gap_ms from (select (extract(epoch from ${requestLog.second} - lag(${requestLog.second}) over (order by ${requestLog.second})) * 1000)::float8 as gap_ms from ${requestLog} where ${requestLog.endpointId} = ${endpointId} and ${requestLog.second} >= ${new Date(since)}) gaps where gap_ms > ${longerThanMs}`,
  )) as unknown as { rows: Array<{ gap_ms: number | string }> };
  return result.rows.map((r) => Number(r.gap_ms));
}
