import { and, eq, isNull } from "drizzle-orm";
import type { getDb } from "@/lib/db";
import { endpoints, organizations } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { ValidationError } from "@/lib/errors";

type Tx = Parameters<Parameters<Awaited<ReturnType<typeof getDb>>["transaction"]>[0]>[0];

/** The operator's limits for every organization of the install. */
export function organizationQuotas() {
  const config = env();
  return { endpoints: config.EBB_QUOTA_ENDPOINTS, replicas: config.EBB_QUOTA_REPLICAS, bodyBytes: config.EBB_QUOTA_BODY_BYTES };
}

/**
 * Inside the transaction that creates an endpoint or changes its Max Accels: refuses what would take the
 * organization past its quotas of endpoints and of replicas in total (the sum of every endpoint's Max
 * Accels). The organization's row is locked first, so two concurrent creates cannot both squeeze in.
 */
export async function assertWithinQuotas(
  tx: Tx,
  organizationId: string,
  change: { newEndpoint: boolean; endpointId?: string; maxReplicas: number },
): Promise<void> {
  const quotas = organizationQuotas();
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for("update");
  const rows = await tx
    .select({ id: endpoints.id, maxReplicas: endpoints.maxReplicas })
    .from(endpoints)
    .where(and(eq(endpoints.organizationId, organizationId), isNull(endpoints.deletedAt)));
  if (change.newEndpoint && rows.length >= quotas.endpoints) {
    throw ValidationError.forField("name", `Your organization has ${rows.length} endpoints, its quota. Delete one first, or ask the operator for a larger quota.`);
  }
  const others = rows.filter((r) => r.id !== change.endpointId).reduce((sum, r) => sum + r.maxReplicas, 0);
  if (others + change.maxReplicas > quotas.replicas) {
    const room = Math.max(0, quotas.replicas - others);
    throw ValidationError.forField(
      "maxReplicas",
      `Your organization's quota is ${quotas.replicas} replicas in total across its endpoints; ${others} are taken by the others, so Max Accels can be at most ${room} here.`,
    );
  }
}
