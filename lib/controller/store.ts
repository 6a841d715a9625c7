import { and, eq, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { getDb } from "@/lib/db";
import {
  coldStarts,
  endpointMetrics,
  endpoints,
  organizations,
  replicaSamples,
  replicaLogs,
  replicaUsage,
  replicas,
  requestLog,
  requestStats,
  type EndpointRow,
  type ProviderSynced,
} from "@/lib/db/schema";
import type { ReplicaLogLine } from "@/lib/providers/local/provider";
import type { ReplicaUsageRow } from "./usage-sampler";
import type { ReplicaRecord, ReplicaStore } from "@/lib/providers/local/replica";
import type { StatsDelta } from "@/lib/gateway/stats";
import type { RequestLogSecond } from "@/lib/domain/request-log";

/** The engine's own reads and writes: it acts for no user, so it takes no caller. */

export type EngineEndpoint = EndpointRow & { namespace: string };

/** Every endpoint the engine must act on: not deleted, or deleted but still recorded with replicas. */
export async function listEngineEndpoints(): Promise<EngineEndpoint[]> {
  const db = await getDb();
  const rows = await db
    .select({ endpoint: endpoints, namespace: organizations.slug })
    .from(endpoints)
    .innerJoin(organizations, eq(organizations.id, endpoints.organizationId))
    .where(or(isNull(endpoints.deletedAt), ne(endpoints.state, "deleted")));
  return rows.map((r) => ({ ...r.endpoint, namespace: r.namespace }));
}

export async function findEndpointByPath(namespace: string, name: string): Promise<EngineEndpoint | null> {
  const db = await getDb();
  const [row] = await db
    .select({ endpoint: endpoints, namespace: organizations.slug })
    .from(endpoints)
    .innerJoin(organizations, eq(organizations.id, endpoints.organizationId))
    .where(and(eq(organizations.slug, namespace), eq(endpoints.name, name), isNull(endpoints.deletedAt)));
  return row ? { ...row.endpoint, namespace: row.namespace } : null;
}

export async function updateObservedState(
  id: string,
  patch: Partial<Pick<EndpointRow, "state" | "stateMessage" | "targetReplicas" | "readyReplicas" | "providerUrl" | "providerSynced">>,
): Promise<void> {
  const db = await getDb();
  await db.update(endpoints).set(patch).where(eq(endpoints.id, id));
}

/** Deleted by the user, whether or not the engine has finished stopping it. */
export function isBeingDeleted(endpoint: Pick<EndpointRow, "desiredState" | "deletedAt">): boolean {
  return endpoint.desiredState === "deleted" || endpoint.deletedAt !== null;
}

export async function insertReplicaSamples(rows: Array<{ endpointId: string; at: Date; ready: number; target: number }>): Promise<void> {
  if (rows.length === 0) return;
  // An endpoint removed from the database meanwhile has no ledger left to write to.
  const present = await presentEndpoints(rows.map((r) => r.endpointId));
  const kept = rows.filter((r) => present.has(r.endpointId));
  if (kept.length === 0) return;
  const db = await getDb();
  await db.insert(replicaSamples).values(kept).onConflictDoNothing();
}

/** The endpoints of these ids still in the database: rows of one removed meanwhile go with it. */
async function presentEndpoints(ids: string[]): Promise<Set<string>> {
  const db = await getDb();
  return new Set((await db.select({ id: endpoints.id }).from(endpoints).where(inArray(endpoints.id, [...new Set(ids)]))).map((e) => e.id));
}

export async function insertReplicaUsage(rows: ReplicaUsageRow[]): Promise<void> {
  if (rows.length === 0) return;
  const present = await presentEndpoints(rows.map((r) => r.endpointId));
  const kept = rows.filter((r) => present.has(r.endpointId));
  if (kept.length === 0) return;
  const db = await getDb();
  await db.insert(replicaUsage).values(kept).onConflictDoNothing();
}

/** Lines each replica kept in the logs: older ones make way for new ones. */
export const REPLICA_LOG_LINES = 500;

export async function insertReplicaLogs(lines: ReplicaLogLine[]): Promise<void> {
  if (lines.length === 0) return;
  const db = await getDb();
  // An endpoint removed from the database meanwhile takes its replicas' lines with it.
  const present = await presentEndpoints(lines.map((l) => l.endpointId));
  const kept = lines.filter((l) => present.has(l.endpointId));
  if (kept.length === 0) return;
  await db.insert(replicaLogs).values(kept.map(({ replicaId, endpointId, at, stream, line }) => ({ replicaId, endpointId, at, stream, line })));
  for (const replicaId of new Set(kept.map((l) => l.replicaId))) {
    await db.execute(
      sql`delete from ${replicaLogs} where ${replicaLogs.replicaId} = ${replicaId} and ${replicaLogs.id} <= (select ${replicaLogs.id} from ${replicaLogs} where ${replicaLogs.replicaId} = ${replicaId} order by ${replicaLogs.id} desc offset ${REPLICA_LOG_LINES} limit 1)`,
    );
  }
}

export async function insertColdStart(row: { endpointId: string; startedAt: Date; readyAt: Date }): Promise<void> {
  const db = await getDb();
  await db.insert(coldStarts).values({ ...row, durationMs: row.readyAt.getTime() - row.startedAt.getTime() });
}

export async function insertRequestStats(at: Date, deltas: StatsDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const db = await getDb();
  await db
    .insert(requestStats)
    .values(deltas.map((d) => ({ ...d, at })))
    .onConflictDoUpdate({
      target: [requestStats.endpointId, requestStats.at],
      set: {
        requests: sql`${requestStats.requests} + excluded.requests`,
        status2xx: sql`${requestStats.status2xx} + excluded.status_2xx`,
        status4xx: sql`${requestStats.status4xx} + excluded.status_4xx`,
        status5xx: sql`${requestStats.status5xx} + excluded.status_5xx`,
        latencyMsSum: sql`${requestStats.latencyMsSum} + excluded.latency_ms_sum`,
        latencyMsMax: sql`greatest(${requestStats.latencyMsMax}, excluded.latency_ms_max)`,
        latencyHistogram: sql`array(select coalesce(a, 0) + coalesce(b, 0) from unnest(${requestStats.latencyHistogram}, excluded.latency_histogram) as t(a, b))`,
      },
    });
}

/** Seconds of the request log; a second written by an earlier flush gets the new requests added. */
export async function insertRequestLog(rows: RequestLogSecond[]): Promise<void> {
  if (rows.length === 0) return;
  const db = await getDb();
  // An endpoint removed from the database meanwhile takes its traffic with it.
  const ids = [...new Set(rows.map((r) => r.endpointId))];
  const present = new Set((await db.select({ id: endpoints.id }).from(endpoints).where(inArray(endpoints.id, ids))).map((e) => e.id));
  const kept = rows.filter((r) => present.has(r.endpointId));
  if (kept.length === 0) return;
  await db
    .insert(requestLog)
    .values(kept.map((r) => ({ ...r, second: new Date(r.second) })))
    .onConflictDoUpdate({
      target: [requestLog.endpointId, requestLog.second],
      set: {
        offsetsMs: sql`${requestLog.offsetsMs} || excluded.offsets_ms`,
        serviceMs: sql`${requestLog.serviceMs} || excluded.service_ms`,
        heldMs: sql`${requestLog.heldMs} || excluded.held_ms`,
        statuses: sql`${requestLog.statuses} || excluded.statuses`,
        unlisted: sql`${requestLog.unlisted} + excluded.unlisted`,
        unlistedHeld: sql`${requestLog.unlistedHeld} + excluded.unlisted_held`,
        unlistedServiceHistogram: sql`array(select coalesce(a, 0) + coalesce(b, 0) from unnest(${requestLog.unlistedServiceHistogram}, excluded.unlisted_service_histogram) as t(a, b))`,
      },
    });
}

/** The replica table as the local provider's store. */
export const dbReplicaStore: ReplicaStore = {
  async save(record: ReplicaRecord) {
    const db = await getDb();
    const values = {
      id: record.id,
      endpointId: record.endpointId,
      pid: record.pid,
      port: record.port,
      status: record.status,
      startedAt: record.startedAt,
      readyAt: record.readyAt,
      stoppedAt: record.status === "stopped" ? new Date() : null,
    };
    await db.insert(replicas).values(values).onConflictDoUpdate({ target: replicas.id, set: values });
  },
  async listActive() {
    const db = await getDb();
    const rows = await db.select().from(replicas).where(inArray(replicas.status, ["starting", "ready", "draining"]));
    return rows.map((r) => ({ ...r, status: r.status }));
  },
};

/** Every ready replica with the port it serves on, whichever Ebb process runs it. */
export async function listReadyReplicaPorts(): Promise<{ id: string; endpointId: string; port: number }[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: replicas.id, endpointId: replicas.endpointId, port: replicas.port })
    .from(replicas)
    .where(eq(replicas.status, "ready"));
  return rows.filter((r): r is { id: string; endpointId: string; port: number } => r.port !== null);
}

/** Endpoints whose metrics are not rolled up to their end yet (all live ones, and recently deleted ones). */
export async function listEndpointsToRollUp(): Promise<EndpointRow[]> {
  const db = await getDb();
  return db
    .select()
    .from(endpoints)
    .where(or(isNull(endpoints.deletedAt), isNull(endpoints.metricsThrough), sql`${endpoints.metricsThrough} < ${endpoints.deletedAt}`));
}

/**
 * Raw rows older than the retention; rollups keep their sums. Rows the rollup has not reached yet (its
 * watermark is behind, after a long stop) are kept until it has.
 */
export async function deleteRawBefore(cutoff: Date, minuteCutoff: Date): Promise<void> {
  const db = await getDb();
  const rolledUp = (endpointId: AnyPgColumn, at: AnyPgColumn) =>
    lt(at, sql`(select coalesce(${endpoints.metricsThrough}, '-infinity'::timestamptz) from ${endpoints} where ${endpoints.id} = ${endpointId})`);
  await db.delete(replicaSamples).where(and(lt(replicaSamples.at, cutoff), rolledUp(replicaSamples.endpointId, replicaSamples.at)));
  await db.delete(requestStats).where(and(lt(requestStats.at, cutoff), rolledUp(requestStats.endpointId, requestStats.at)));
  await db.delete(endpointMetrics).where(and(eq(endpointMetrics.resolution, "1m"), lt(endpointMetrics.bucket, minuteCutoff)));
  await db.delete(replicaLogs).where(lt(replicaLogs.at, cutoff));
  await db.delete(replicaUsage).where(and(lt(replicaUsage.at, cutoff), rolledUp(replicaUsage.endpointId, replicaUsage.at)));
}

/** The request log is kept longer than raw rows: what-if replays reach back a month. */
export async function deleteRequestLogBefore(cutoff: Date): Promise<void> {
  const db = await getDb();
  await db.delete(requestLog).where(lt(requestLog.second, cutoff));
}

export async function setLearnedScaleToZero(id: string, seconds: number | null): Promise<void> {
  const db = await getDb();
  await db.update(endpoints).set({ scaleToZeroLearnedSeconds: seconds }).where(eq(endpoints.id, id));
}

export async function updateProviderSynced(id: string, synced: ProviderSynced): Promise<void> {
  const db = await getDb();
  await db.update(endpoints).set({ providerSynced: synced }).where(eq(endpoints.id, id));
}
