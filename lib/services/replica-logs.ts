import { asc, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { replicaLogs, replicas } from "@/lib/db/schema";
import type { ReplicaLogs } from "@/lib/domain/replica-logs";
import { ValidationError } from "@/lib/errors";
import { assertCan, type Caller } from "./caller";
import { getEndpointByName } from "./endpoints";

/** Replicas shown, newest first: those running and the last ones that stopped (often why). */
const REPLICAS_SHOWN = 10;


/** The last `lines` lines of each of the endpoint's recent replicas (up to 500 are kept per replica). */
export async function getReplicaLogs({ caller, name, lines = 100 }: { caller: Caller; name: string; lines?: number }): Promise<ReplicaLogs[]> {
  assertCan(caller, "endpoints.view");
  if (!Number.isInteger(lines) || lines < 1 || lines > 500) throw ValidationError.forField("lines", "lines must be a whole number from 1 to 500.");
  const endpoint = await getEndpointByName({ caller, name });
  const db = await getDb();
  const recent = await db.select().from(replicas).where(eq(replicas.endpointId, endpoint.id)).orderBy(desc(replicas.startedAt)).limit(REPLICAS_SHOWN);
  const rows = recent.length
    ? await db
        .select()
        .from(replicaLogs)
        .where(inArray(replicaLogs.replicaId, recent.map((r) => r.id)))
        .orderBy(asc(replicaLogs.id))
    : [];
  return recent.map((r) => ({
    id: r.id,
    status: r.status,
    startedAt: r.startedAt.toISOString(),
    readyAt: r.readyAt?.toISOString() ?? null,
    stoppedAt: r.stoppedAt?.toISOString() ?? null,
    lines: rows
      .filter((l) => l.replicaId === r.id)
      .slice(-lines)
      .map((l) => ({ at: l.at.toISOString(), stream: l.stream, line: l.line })),
  }));
}
