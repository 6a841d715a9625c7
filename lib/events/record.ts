import { getDb, type Db } from "@/lib/db";
import { endpointEvents, type EndpointRow } from "@/lib/db/schema";
import { STATE_LABELS } from "@/lib/domain/states";

/**
 * Who or what made a change: a person (through the console, an API token or the compatible API), or
 * one of Ebb's own parts acting on its own (the autoscaler, the controller, a schedule, a budget, a
 * provider reporting what happened).
 */
export type Actor =
  | { kind: "user"; userId: string; email: string; tokenName?: string }
  | { kind: "autoscaler" }
  | { kind: "controller" }
  | { kind: "schedule" }
  | { kind: "budget" }
  | { kind: "provider" };

export const AUTOSCALER: Actor = { kind: "autoscaler" };
export const CONTROLLER: Actor = { kind: "controller" };
export const SCHEDULE: Actor = { kind: "schedule" };
export const BUDGET: Actor = { kind: "budget" };
export const PROVIDER: Actor = { kind: "provider" };

export function userActor(caller: { userId: string; email: string; tokenName?: string }): Actor {
  return { kind: "user", userId: caller.userId, email: caller.email, ...(caller.tokenName ? { tokenName: caller.tokenName } : {}) };
}

export interface LifecycleEvent {
  endpointId: string;
  organizationId: string;
  actor: Actor;
  kind: string;
  message: string;
  before?: unknown;
  after?: unknown;
  at?: Date;
}

/** How an actor is stored: the log shows a person by email, a schedule or budget by its purpose. */
function actorColumns(actor: Actor) {
  switch (actor.kind) {
    case "user":
      // A script's change names its token, so a person can tell what they did from what their scripts did.
      return { actorType: "user", actorId: actor.userId, actorName: actor.tokenName ? `${actor.email} (API token "${actor.tokenName}")` : actor.email };
    case "schedule":
    case "budget":
      return { actorType: "controller", actorId: null, actorName: actor.kind };
    default:
      return { actorType: actor.kind, actorId: null, actorName: null };
  }
}

/** Anything that can insert: the database, or the transaction that makes the change itself. */
type Writer = Pick<Db, "insert">;

/**
 * The one place lifecycle events are written. Pass the transaction of the change it records, so the
 * change and its event are stored together or not at all.
 */
export async function recordEvent(writer: Writer | null, event: LifecycleEvent): Promise<void> {
  const { actor, at, ...rest } = event;
  await (writer ?? (await getDb())).insert(endpointEvents).values({ ...rest, ...actorColumns(actor), at: at ?? new Date() });
}

/** A change of observed state in the lifecycle log, in the UI's words: "Running → Failed: why". */
export function recordStateChange(
  writer: Writer | null,
  endpoint: Pick<EndpointRow, "id" | "organizationId">,
  actor: Actor,
  from: EndpointRow["state"],
  to: EndpointRow["state"],
  reason: string | null,
): Promise<void> {
  return recordEvent(writer, {
    endpointId: endpoint.id,
    organizationId: endpoint.organizationId,
    actor,
    kind: "state",
    message: `${STATE_LABELS[from] ?? from} → ${STATE_LABELS[to] ?? to}${reason ? `: ${reason}` : ""}`,
    before: { state: from },
    after: { state: to },
  });
}
