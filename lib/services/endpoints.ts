import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { endpointEvents, endpoints, type EndpointRow } from "@/lib/db/schema";
import { createEndpointSchema } from "@/lib/domain/endpoint";
import { toScalingPolicy } from "@/lib/domain/policy";
import { parseOrThrow } from "@/lib/domain/validation";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { assertCan, type Caller } from "./caller";

const DUPLICATE_NAME = "An endpoint with this name already exists in your organization.";

function actor(caller: Caller) {
  return { actorType: "user", actorId: caller.userId, actorName: caller.email } as const;
}

export async function createEndpoint({ caller, input }: { caller: Caller; input: unknown }): Promise<EndpointRow> {
  assertCan(caller, "endpoints.manage");
  const data = parseOrThrow(createEndpointSchema(), input);
  const policy = toScalingPolicy(data);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(endpoints)
        .values({
          organizationId: caller.organizationId,
          name: data.name,
          model: data.model,
          provider: data.provider,
          instanceType: data.instanceType,
          protected: data.protected,
          runtime: data.runtime,
          ...policy,
        })
        .returning();
      await tx.insert(endpointEvents).values({
        endpointId: row!.id,
        organizationId: caller.organizationId,
        ...actor(caller),
        kind: "created",
        message: `Created with ${policy.autoscaling ? `auto-scaling ${policy.minReplicas}–${policy.maxReplicas}` : `${policy.maxReplicas} fixed`} replicas`,
        after: policy,
      });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.forField("name", DUPLICATE_NAME);
    throw error;
  }
}

/** The caller's endpoint by name; 404 for names of other organizations as for names that do not exist. */
export async function getEndpointByName({ caller, name }: { caller: Caller; name: string }): Promise<EndpointRow> {
  assertCan(caller, "endpoints.view");
  const db = await getDb();
  const [row] = await db
    .select()
    .from(endpoints)
    .where(and(eq(endpoints.organizationId, caller.organizationId), eq(endpoints.name, name), isNull(endpoints.deletedAt)));
  if (!row) throw new NotFoundError(`No endpoint named ${name}.`);
  return row;
}

async function setDesiredState(caller: Caller, name: string, desiredState: "running" | "paused", kind: string) {
  assertCan(caller, "endpoints.operate");
  const endpoint = await getEndpointByName({ caller, name });
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.update(endpoints).set({ desiredState, updatedAt: new Date() }).where(eq(endpoints.id, endpoint.id));
    await tx.insert(endpointEvents).values({
      endpointId: endpoint.id,
      organizationId: caller.organizationId,
      ...actor(caller),
      kind,
      message: desiredState === "paused" ? "Paused" : "Resumed",
      before: { desiredState: endpoint.desiredState },
      after: { desiredState },
    });
  });
}

export function pauseEndpoint({ caller, name }: { caller: Caller; name: string }) {
  return setDesiredState(caller, name, "paused", "paused");
}

export function resumeEndpoint({ caller, name }: { caller: Caller; name: string }) {
  return setDesiredState(caller, name, "running", "resumed");
}
