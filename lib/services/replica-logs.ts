import { asc, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { replicaLogs, replicas, replicaUsage } from "@/lib/db/schema";
import type { ReplicaLogs, ReplicaSummary } from "@/lib/domain/replica-logs";
import { ValidationError } from "@/lib/errors";
import { replicasArePods } from "@/lib/domain/providers";
import { assertCan, type Caller } from "./caller";
import { kubernetesPodLogs } from "./kubernetes-connection";
import { getEndpointByName } from "./endpoints";

/** Replicas shown, newest first: those running and the last ones that stopped (often why). */
const REPLICAS_SHOWN = 10;

/** The endpoint's recent replicas, newest first, each with its last CPU and memory sample. */
export async function getReplicas({ caller, name }: { caller: Caller; name: string }): Promise<ReplicaSummary[]> {
  assertCan(caller, "endpoints.view");
  const endpoint = await getEndpointByName({ caller, name });
  const db = await getDb();
  const recent = await db.select().from(replicas).where(eq(replicas.endpointId, endpoint.id)).orderBy(desc(replicas.startedAt)).limit(REPLICAS_SHOWN);
  const ids = recent.map((r) => r.id);
  const samples = ids.length
    ? await db
        .selectDistinctOn([replicaUsage.replicaId])
        .from(replicaUsage)
        .where(inArray(replicaUsage.replicaId, ids))
        .orderBy(replicaUsage.replicaId, desc(replicaUsage.at))
    : [];
  const usage = new Map(samples.map((s) => [s.replicaId, { at: s.at.toISOString(), cpuCores: s.cpuSeconds / s.intervalSeconds, memoryBytes: s.rssBytes }]));
  return recent.map((r) => ({
    id: r.id,
    status: r.status,
    startedAt: r.startedAt.toISOString(),
    readyAt: r.readyAt?.toISOString() ?? null,
    stoppedAt: r.stoppedAt?.toISOString() ?? null,
    usage: usage.get(r.id) ?? null,
  }));
}

/** The last `lines` lines of each of the endpoint's recent replicas (up to 500 are kept per replica). */
export async function getReplicaLogs({ caller, name, lines = 100 }: { caller: Caller; name: string; lines?: number }): Promise<ReplicaLogs[]> {
  assertCan(caller, "endpoints.view");
  if (!Number.isInteger(lines) || lines < 1 || lines > 500) throw ValidationError.forField("lines", "lines must be a whole number from 1 to 500.");
  const endpoint = await getEndpointByName({ caller, name });
  if (replicasArePods(endpoint.provider)) {
    const pods = await kubernetesPodLogs(endpoint, lines);
    return pods.map(({ name: pod, ...rest }) => ({ id: pod, ...rest, stoppedAt: null, usage: null }));
  }
  const recent = await getReplicas({ caller, name });
  const db = await getDb();
  const rows = recent.length
    ? await db
        .select()
        .from(replicaLogs)
        .where(inArray(replicaLogs.replicaId, recent.map((r) => r.id)))
        .orderBy(asc(replicaLogs.id))
    : [];
  return recent.map((r) => ({
    ...r,
    lines: rows
      .filter((l) => l.replicaId === r.id)
      .slice(-lines)
      .map((l) => ({ at: l.at.toISOString(), stream: l.stream, line: l.line })),
  }));
}
