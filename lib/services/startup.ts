import { and, asc, desc, eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { replicaLogs, replicas, type EndpointRow } from "@/lib/db/schema";
import { replicasByEbb } from "@/lib/domain/providers";
import type { StartupProgress } from "@/lib/domain/startup";
import { measuredStartMs } from "@/lib/history/traffic";
import { storedRuntime } from "@/lib/runtimes/stored";

/**
 * How a start is going, while the endpoint has fewer replicas ready than asked for: since when, how long
 * its starts usually take (measured, else the runtime's stated load time), the phase, and the replica's
 * last line of output. Null when nothing is starting.
 */
export async function startupProgress(endpoint: EndpointRow, now = Date.now()): Promise<StartupProgress | null> {
  if (!replicasByEbb(endpoint.provider) || endpoint.desiredState !== "running" || endpoint.targetReplicas <= endpoint.readyReplicas) return null;
  const db = await getDb();
  const [replica] = await db
    .select()
    .from(replicas)
    .where(and(eq(replicas.endpointId, endpoint.id), eq(replicas.status, "starting")))
    .orderBy(asc(replicas.startedAt))
    .limit(1);
  const measured = await measuredStartMs(endpoint.id);
  const stated = storedRuntime(endpoint.runtime).loadSeconds;
  const expectedSeconds = measured !== null ? measured / 1000 : stated !== undefined ? stated : null;
  const base = { starting: endpoint.targetReplicas - endpoint.readyReplicas, expectedSeconds, expectedFrom: measured !== null ? ("measured" as const) : expectedSeconds !== null ? ("runtime" as const) : null };
  if (!replica) return { ...base, since: null, elapsedSeconds: null, phase: "Starting a replica process", lastLine: null };
  const [line] = await db.select({ line: replicaLogs.line }).from(replicaLogs).where(eq(replicaLogs.replicaId, replica.id)).orderBy(desc(replicaLogs.id)).limit(1);
  const elapsedSeconds = Math.max(0, (now - replica.startedAt.getTime()) / 1000);
  const late = expectedSeconds !== null && elapsedSeconds > expectedSeconds * 1.5 + 5;
  return {
    ...base,
    since: replica.startedAt.toISOString(),
    elapsedSeconds,
    phase: late ? "Loading the model, longer than its usual start" : "Loading the model, waiting for its health check",
    lastLine: line?.line ?? null,
  };
}
