import type { EndpointEvent, EndpointRow } from "@/lib/db/schema";
import { replicasByEbb } from "@/lib/domain/providers";
import { storedRuntime } from "@/lib/runtimes/stored";

/** An endpoint as the REST API and the CLI see it. */
export function endpointJson(row: EndpointRow, baseUrl: string, namespace: string) {
  return {
    name: row.name,
    model: row.model,
    provider: row.provider,
    instanceType: row.instanceType,
    runtime: replicasByEbb(row.provider) ? { name: storedRuntime(row.runtime).name } : null,
    region: row.region,
    url: `${baseUrl}/e/${namespace}/${row.name}`,
    // Where the provider runs it: its name and hardware there, and its own URL (which Ebb's URL forwards to).
    providerEndpoint: row.providerSpec ? { ...row.providerSpec, url: row.providerUrl } : null,
    state: row.state,
    desiredState: row.desiredState,
    stateMessage: row.stateMessage,
    policy: {
      autoscaling: row.autoscaling,
      minReplicas: row.minReplicas,
      maxReplicas: row.maxReplicas,
      scaleToZeroMinutes: Math.round(row.scaleToZeroSeconds / 60),
      targetConcurrency: row.targetConcurrency,
      scaleToZeroAuto: row.scaleToZeroAuto,
      coldStartWorthMinutes: row.coldStartWorthMinutes,
      // With Auto: the timeout the controller learned from the idle gaps, null until it has enough.
      learnedScaleToZeroMinutes: row.scaleToZeroAuto && row.scaleToZeroLearnedSeconds !== null ? Math.round(row.scaleToZeroLearnedSeconds / 60) : null,
    },
    replicas: { ready: row.readyReplicas, target: row.targetReplicas },
    protected: row.protected,
    tags: row.tags,
    schedule: row.schedule,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type EndpointJson = ReturnType<typeof endpointJson>;

/** Ebb's own parts as the lifecycle log names them. */
const SYSTEM_ACTORS: Record<string, string> = {
  autoscaler: "Autoscaler",
  controller: "Ebb",
  provider: "Provider",
  schedule: "Schedule",
  budget: "Budget limit",
  gateway: "Gateway",
};

export function eventJson(event: EndpointEvent) {
  return {
    at: event.at.toISOString(),
    // A person by their email; the system by its part or its purpose, in words.
    actor: event.actorType === "user" ? (event.actorName ?? "a user") : (SYSTEM_ACTORS[event.actorName ?? event.actorType] ?? event.actorName ?? event.actorType),
    actorType: event.actorType,
    kind: event.kind,
    message: event.message,
    before: event.before,
    after: event.after,
  };
}

export type EventJson = ReturnType<typeof eventJson>;
