import { and, arrayContains, asc, desc, eq, isNull, lt } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { endpointEvents, endpoints, type EndpointEvent, type EndpointRow } from "@/lib/db/schema";
import { createEndpointSchema, ENDPOINT_NAME_PATTERN, tagSchema, tagsSchema } from "@/lib/domain/endpoint";
import { availability, type LifecycleAction } from "@/lib/domain/endpoint-actions";
import { heldByBudget } from "@/lib/costs/budget-check";
import { formatBudget } from "@/lib/domain/budget";
import { policyOfRow, policySchema, toScalingPolicy, type ScalingPolicy } from "@/lib/domain/policy";
import { describeSchedule, scheduleSchema } from "@/lib/domain/schedule";
import { parseOrThrow } from "@/lib/domain/validation";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { notifyEndpointChanged } from "@/lib/endpoint-changes";
import { recordEvent, userActor } from "@/lib/events/record";
import { assertCan, type Caller } from "./caller";
import { assertProviderReady, placeEndpoint } from "./placement";
import { assertWithinQuotas } from "./quotas";

const DUPLICATE_NAME = "An endpoint with this name already exists in your organization.";

type Db = Awaited<ReturnType<typeof getDb>>;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];


export function describePolicy(policy: ScalingPolicy): string {
  return policy.autoscaling ? `auto-scaling ${policy.minReplicas}–${policy.maxReplicas}` : `${policy.maxReplicas} fixed`;
}

/** What else changed besides the replica range: the scale-to-zero timeout and the target. */
function detailChanges(before: ScalingPolicy, after: ScalingPolicy): string {
  const parts: string[] = [];
  if (before.scaleToZeroSeconds !== after.scaleToZeroSeconds) parts.push(`scale to zero after ${before.scaleToZeroSeconds / 60} → ${after.scaleToZeroSeconds / 60} min`);
  if (before.targetConcurrency !== after.targetConcurrency) parts.push(`target ${before.targetConcurrency} → ${after.targetConcurrency} per replica`);
  if (!!before.scaleToZeroAuto !== !!after.scaleToZeroAuto) parts.push(`Auto scale-to-zero ${after.scaleToZeroAuto ? "on" : "off"}`);
  if ((before.coldStartWorthMinutes ?? null) !== (after.coldStartWorthMinutes ?? null)) {
    const worth = (m: number | null | undefined) => (m ? `${m} min` : "from the measured start");
    parts.push(`a cold start is worth ${worth(before.coldStartWorthMinutes)} → ${worth(after.coldStartWorthMinutes)}`);
  }
  return parts.length > 0 ? `; ${parts.join("; ")}` : "";
}

async function logEvent(tx: Tx | Db, caller: Caller, endpointId: string, event: { kind: string; message: string; before?: unknown; after?: unknown }) {
  await recordEvent(tx, { endpointId, organizationId: caller.organizationId, actor: userActor(caller), ...event });
}

/**
 * Applies a change to the caller's endpoint with its lifecycle event, in one transaction, then tells the
 * engine in this process so the gateway and controller act on it at once.
 */
async function changeEndpoint(
  caller: Caller,
  endpoint: EndpointRow,
  change: Partial<EndpointRow>,
  event: { kind: string; message: string; before?: unknown; after?: unknown },
  check?: (tx: Tx) => Promise<void>,
): Promise<EndpointRow> {
  const db = await getDb();
  const updated = await db.transaction(async (tx) => {
    await check?.(tx);
    const [row] = await tx
      .update(endpoints)
      .set({ ...change, updatedAt: new Date() })
      .where(eq(endpoints.id, endpoint.id))
      .returning();
    await logEvent(tx, caller, endpoint.id, event);
    return row!;
  });
  notifyEndpointChanged(updated.id);
  return updated;
}

export async function createEndpoint({ caller, input }: { caller: Caller; input: unknown }): Promise<EndpointRow> {
  assertCan(caller, "endpoints.manage");
  await assertProviderReady((input as { provider?: unknown } | null)?.provider, caller.organizationId);
  const data = parseOrThrow(createEndpointSchema(), input);
  const policy = toScalingPolicy(data);
  const db = await getDb();
  // The provider checks what it can run (instance type, runtime, its connection) and says where.
  const { providerSpec, region, where } = await placeEndpoint(data.provider, { organizationId: caller.organizationId, name: data.name, instanceType: data.instanceType, runtime: data.runtime });
  try {
    const created = await db.transaction(async (tx) => {
      await assertWithinQuotas(tx, caller.organizationId, { newEndpoint: true, maxReplicas: policy.maxReplicas });
      const [row] = await tx
        .insert(endpoints)
        .values({
          organizationId: caller.organizationId,
          name: data.name,
          model: data.model,
          provider: data.provider,
          instanceType: data.instanceType,
          protected: data.protected,
          tags: data.tags,
          runtime: data.runtime,
          region,
          providerSpec,
          ...policy,
        })
        .returning();
      await logEvent(tx, caller, row!.id, { kind: "created", message: `Created${where} with ${describePolicy(policy)} replicas`, after: policy });
      return row!;
    });
    notifyEndpointChanged(created.id);
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.forField("name", DUPLICATE_NAME);
    throw error;
  }
}

export async function listEndpoints({ caller, tag }: { caller: Caller; tag?: string }): Promise<EndpointRow[]> {
  assertCan(caller, "endpoints.view");
  if (tag !== undefined) parseOrThrow(z.object({ tag: tagSchema }), { tag });
  const db = await getDb();
  return db
    .select()
    .from(endpoints)
    .where(and(eq(endpoints.organizationId, caller.organizationId), isNull(endpoints.deletedAt), tag ? arrayContains(endpoints.tags, [tag]) : undefined))
    .orderBy(asc(endpoints.name));
}

/** Sets when the endpoint runs (null: always); applied by the controller from its next pass. */
export async function setEndpointSchedule({ caller, name, schedule }: { caller: Caller; name: string; schedule: unknown }): Promise<EndpointRow> {
  assertCan(caller, "endpoints.manage");
  const endpoint = await getEndpointByName({ caller, name });
  const valid = schedule === null ? null : parseOrThrow(scheduleSchema, schedule);
  // Removing the schedule that paused the endpoint lets it run, as "runs at all times" says (unless its budget holds it).
  const lift = valid === null && endpoint.scheduleApplied === "paused" && endpoint.desiredState === "paused" && !(await heldByBudget(endpoint));
  const resume: Partial<EndpointRow> = lift ? { desiredState: "running", scaleToZeroRequestedAt: null, activeSince: new Date() } : {};
  return changeEndpoint(caller, endpoint, { schedule: valid, scheduleApplied: null, ...resume }, {
    kind: "schedule",
    message: valid ? `Schedule set: ${describeSchedule(valid)}` : `Schedule removed: runs at all times${lift ? " (resumed: the schedule had paused it)" : ""}`,
    before: { schedule: endpoint.schedule },
    after: { schedule: valid },
  });
}

/** Replaces the endpoint's tags. */
export async function setEndpointTags({ caller, name, tags }: { caller: Caller; name: string; tags: unknown }): Promise<EndpointRow> {
  assertCan(caller, "endpoints.manage");
  const endpoint = await getEndpointByName({ caller, name });
  const valid = parseOrThrow(z.object({ tags: tagsSchema }), { tags }).tags;
  return changeEndpoint(caller, endpoint, { tags: valid }, {
    kind: "tags",
    message: valid.length ? `Tags set to ${valid.join(", ")}` : "Tags removed",
    before: { tags: endpoint.tags },
    after: { tags: valid },
  });
}

/** The caller's endpoint by name; 404 for names of other organizations as for names that do not exist. */
export async function getEndpointByName({ caller, name }: { caller: Caller; name: string }): Promise<EndpointRow> {
  assertCan(caller, "endpoints.view");
  // A name no endpoint can have is not looked up (nor sent to the database with its NUL bytes).
  if (typeof name !== "string" || !ENDPOINT_NAME_PATTERN.test(name)) throw new NotFoundError(`No endpoint named ${String(name).slice(0, 64).replaceAll("\0", "")}.`);
  const db = await getDb();
  const [row] = await db
    .select()
    .from(endpoints)
    .where(and(eq(endpoints.organizationId, caller.organizationId), eq(endpoints.name, name), isNull(endpoints.deletedAt)));
  if (!row) throw new NotFoundError(`No endpoint named ${name}.`);
  return row;
}

/** Replaces the scaling policy; the same rules as at creation. */
export async function updateEndpointPolicy({ caller, name, input }: { caller: Caller; name: string; input: unknown }): Promise<EndpointRow> {
  assertCan(caller, "endpoints.manage");
  const endpoint = await getEndpointByName({ caller, name });
  const policy = toScalingPolicy(parseOrThrow(policySchema(), input));
  const before = policyOfRow(endpoint);
  // A learned timeout is learned again for the new policy (its worth of a cold start may have changed).
  return changeEndpoint(caller, endpoint, { ...policy, scaleToZeroLearnedSeconds: null }, {
    kind: "policy-updated",
    message: `Policy changed from ${describePolicy(before)} to ${describePolicy(policy)} replicas${detailChanges(before, policy)}`,
    before,
    after: policy,
  }, (tx) => assertWithinQuotas(tx, caller.organizationId, { newEndpoint: false, endpointId: endpoint.id, maxReplicas: policy.maxReplicas }));
}

async function lifecycle(caller: Caller, name: string, action: LifecycleAction, change: Partial<EndpointRow>, message: string) {
  assertCan(caller, action === "delete" ? "endpoints.manage" : "endpoints.operate");
  const endpoint = await getEndpointByName({ caller, name });
  const allowed = availability(endpoint, action);
  if (!allowed.enabled) throw new ConflictError(allowed.reason);
  return changeEndpoint(caller, endpoint, change, {
    kind: action === "scaleToZero" ? "scale-to-zero" : action === "delete" ? "deleted" : action === "pause" ? "paused" : "resumed",
    message,
    before: { desiredState: endpoint.desiredState, state: endpoint.state },
    after: { desiredState: change.desiredState ?? endpoint.desiredState },
  });
}

export function pauseEndpoint({ caller, name }: { caller: Caller; name: string }) {
  return lifecycle(caller, name, "pause", { desiredState: "paused" }, "Paused: replicas stop and requests are refused until resumed");
}

/**
 * Why Resume would not keep the endpoint running, or null: paused at its budget, it would be paused again
 * at the controller's next pass.
 */
export async function resumeBlockedReason(endpoint: EndpointRow): Promise<string | null> {
  if (endpoint.desiredState !== "paused" || !(await heldByBudget(endpoint))) return null;
  return `This month's cost reached the endpoint's budget of ${formatBudget(endpoint.monthlyBudget!)}: raise the budget or turn off pausing at it on the Costs page, then resume.`;
}

export async function resumeEndpoint({ caller, name }: { caller: Caller; name: string }) {
  assertCan(caller, "endpoints.operate");
  const blocked = await resumeBlockedReason(await getEndpointByName({ caller, name }));
  if (blocked) throw new ConflictError(blocked);
  return lifecycle(caller, name, "resume", { desiredState: "running", scaleToZeroRequestedAt: null, activeSince: new Date() }, "Resumed");
}

export function scaleEndpointToZero({ caller, name }: { caller: Caller; name: string }) {
  return lifecycle(caller, name, "scaleToZero", { scaleToZeroRequestedAt: new Date() }, "Scale to zero: replicas stop until the next request");
}

/** Stops the endpoint and frees its name; its events and cost history stay. */
export function deleteEndpoint({ caller, name }: { caller: Caller; name: string }) {
  return lifecycle(caller, name, "delete", { desiredState: "deleted", deletedAt: new Date() }, "Deleted");
}

export async function listEndpointEvents({
  caller,
  name,
  limit = 50,
  before,
}: {
  caller: Caller;
  name: string;
  limit?: number;
  before?: Date;
}): Promise<EndpointEvent[]> {
  const endpoint = await getEndpointByName({ caller, name });
  const db = await getDb();
  return db
    .select()
    .from(endpointEvents)
    .where(and(eq(endpointEvents.endpointId, endpoint.id), before ? lt(endpointEvents.at, before) : undefined))
    .orderBy(desc(endpointEvents.at))
    .limit(Math.min(Math.max(1, limit), 500));
}
