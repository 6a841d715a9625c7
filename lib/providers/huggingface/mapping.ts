import type { ScalingPolicy } from "@/lib/domain/policy";
import type { HfEndpoint, HfScaling } from "./client";

/**
 * Ebb's policy in Hugging Face's terms, and Hugging Face's status in Ebb's. Hugging Face runs its own
 * autoscaler: Ebb pushes min/max replicas and the scale-to-zero timeout (minutes, only with min 0).
 */
export function toHfScaling(policy: Pick<ScalingPolicy, "minReplicas" | "maxReplicas" | "scaleToZeroSeconds">): HfScaling {
  return {
    minReplica: policy.minReplicas,
    maxReplica: policy.maxReplicas,
    scaleToZeroTimeout: policy.minReplicas === 0 ? Math.max(1, Math.round(policy.scaleToZeroSeconds / 60)) : null,
  };
}

export function sameScaling(a: HfScaling | undefined, b: HfScaling): boolean {
  return !!a && a.minReplica === b.minReplica && a.maxReplica === b.maxReplica && (a.scaleToZeroTimeout ?? null) === (b.scaleToZeroTimeout ?? null);
}

/** A Hugging Face scaling block as an Ebb policy (adopting an endpoint made elsewhere). */
export function policyFromHf(scaling: HfScaling): ScalingPolicy {
  const min = Math.max(0, Math.floor(scaling.minReplica ?? 1));
  const max = Math.max(1, min, Math.floor(scaling.maxReplica ?? 1));
  return {
    autoscaling: min !== max,
    minReplicas: min,
    maxReplicas: max,
    scaleToZeroSeconds: (scaling.scaleToZeroTimeout ?? 15) * 60,
    targetConcurrency: 4,
  };
}

export type EbbState = "pending" | "initializing" | "running" | "scaledToZero" | "updating" | "paused" | "failed";

export interface ObservedHf {
  state: EbbState;
  message: string | null;
  ready: number;
  target: number;
  url: string | null;
}

const KNOWN: ReadonlySet<string> = new Set(["pending", "initializing", "running", "scaledToZero", "updating", "paused", "failed"]);

/** Hugging Face's status as Ebb's observed state; "updateFailed" is a failure with the provider's words. */
export function observedFromHf(endpoint: HfEndpoint): ObservedHf {
  const s = endpoint.status;
  const state: EbbState = s.state === "updateFailed" ? "failed" : KNOWN.has(s.state) ? (s.state as EbbState) : "pending";
  const failed = state === "failed";
  return {
    state,
    message: failed ? (s.message ?? (s.state === "updateFailed" ? "The update failed." : "The endpoint failed.")) : null,
    ready: Math.max(0, s.readyReplica ?? 0),
    target: Math.max(0, s.targetReplica ?? 0),
    url: s.url ?? null,
  };
}
