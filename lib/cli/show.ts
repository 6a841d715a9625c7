import type { EndpointJson } from "../api/endpoint-json";
import { details } from "./format";

export function showEndpoint(e: EndpointJson): string {
  const p = e.policy;
  return details([
    ["Name", e.name],
    ["Model", e.model],
    ["Provider", `${e.provider} (${e.instanceType})`],
    ...(e.runtime ? [["Runtime", e.runtime.name] as [string, string]] : []),
    ["State", e.stateMessage ? `${e.state}: ${e.stateMessage}` : e.state],
    ["Replicas", `${e.replicas.ready} ready / ${e.replicas.target} target`],
    ["Scaling", p.autoscaling ? `auto ${p.minReplicas}–${p.maxReplicas}, target ${p.targetConcurrency} in flight per replica` : `fixed ${p.maxReplicas}`],
    ["Scale to zero", p.autoscaling && p.minReplicas === 0 ? `after ${p.scaleToZeroMinutes} min idle` : "never (Min Accels above 0)"],
    ["URL", e.url],
    ["Protected", e.protected ? "yes (Authorization: Bearer <API token>)" : "no"],
  ]);
}
