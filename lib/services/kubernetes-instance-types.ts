import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordCatalogPrice } from "@/lib/costs/prices";
import { getDb } from "@/lib/db";
import { endpoints, providerConnections } from "@/lib/db/schema";
import { DEFAULT_CLUSTER_INSTANCE_TYPES, type ClusterInstanceType } from "@/lib/domain/instance-types";
import { priceKeyOf } from "@/lib/domain/providers";
import { parseOrThrow } from "@/lib/domain/validation";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { assertCan, type Caller } from "./caller";
import { providerConnectionRow } from "./provider-connections";

const KUBERNETES = "kubernetes";

/** A replica at zero holds nothing in the cluster: a cluster's endpoint costs nothing while paused or at zero. */
export const CLUSTER_STORAGE_PRICE_PER_HOUR = 0;

const number = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Enter the ${label}.` })
    .refine(Number.isFinite, `Enter the ${label}.`)
    .min(min, `The ${label} is at least ${min}.`)
    .max(max, `The ${label} is at most ${max}.`);

const typeSchema = z.object({
  id: z
    .string({ error: "Name the instance type." })
    .trim()
    .regex(/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/, "A name of lowercase letters, digits and -, at most 40, like gpu-a100."),
  vcpus: number("vCPU count", 0.1, 512),
  memoryGb: number("memory in GB", 0.1, 4096),
  gpus: number("GPU count", 0, 16).int("The GPU count is a whole number."),
  pricePerHour: number("price per hour", 0, 10_000),
});

const typesSchema = z.object({
  types: z
    .array(typeSchema)
    .min(1, "List at least one instance type.")
    .max(50, "At most 50 instance types.")
    .superRefine((types, ctx) => {
      const seen = new Set<string>();
      types.forEach((t, i) => {
        if (seen.has(t.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `"${t.id}" is listed twice.` });
        seen.add(t.id);
      });
    }),
});

/** The organization's instance types on its cluster: its own list, or the defaults until it has one. */
export async function kubernetesInstanceTypes(organizationId: string): Promise<ClusterInstanceType[]> {
  const row = await providerConnectionRow(organizationId, KUBERNETES);
  return row?.instanceTypes ?? DEFAULT_CLUSTER_INSTANCE_TYPES;
}

/** Keeps each type's price as the current one in the ledger's versioned prices, under the organization's name for it. */
export async function recordClusterPrices(organizationId: string, types: ClusterInstanceType[]): Promise<void> {
  for (const t of types) {
    await recordCatalogPrice(priceKeyOf({ provider: KUBERNETES, organizationId, instanceType: t.id }), t.pricePerHour, CLUSTER_STORAGE_PRICE_PER_HOUR);
  }
}

/**
 * Replaces the organization's instance types on its cluster. A new price applies from now on (the cost
 * of earlier time keeps its price); new sizes reach running endpoints' Deployments. A type an endpoint
 * uses cannot be removed.
 */
export async function saveKubernetesInstanceTypes({ caller, input }: { caller: Caller; input: unknown }): Promise<ClusterInstanceType[]> {
  assertCan(caller, "endpoints.manage");
  const { types } = parseOrThrow(typesSchema, input);
  if (!(await providerConnectionRow(caller.organizationId, KUBERNETES))) throw new NotFoundError("No Kubernetes cluster is connected.");
  const db = await getDb();
  const kept = new Set(types.map((t) => t.id));
  const previous = await kubernetesInstanceTypes(caller.organizationId);
  const removed = previous.map((t) => t.id).filter((id) => !kept.has(id));
  if (removed.length > 0) {
    const inUse = await db
      .select({ name: endpoints.name, instanceType: endpoints.instanceType })
      .from(endpoints)
      .where(and(eq(endpoints.organizationId, caller.organizationId), eq(endpoints.provider, KUBERNETES), isNull(endpoints.deletedAt), inArray(endpoints.instanceType, removed)));
    if (inUse.length > 0) {
      const uses = inUse.map((e) => `${e.name} uses ${e.instanceType}`).join(", ");
      throw ValidationError.forField("types", `Keep the instance types endpoints use (${uses}), or delete those endpoints first.`);
    }
  }
  await db
    .update(providerConnections)
    .set({ instanceTypes: types, updatedAt: new Date() })
    .where(and(eq(providerConnections.organizationId, caller.organizationId), eq(providerConnections.provider, KUBERNETES)));
  await recordClusterPrices(caller.organizationId, types);
  return types;
}
