/**
 * The providers an endpoint can run on, and what each means for the rest of Ebb. This table and the
 * per-provider modules it names (placement in lib/services/placement.ts, the controller's sync in
 * lib/controller/external-syncs.ts) are the only places that tell providers apart: a new provider adds
 * its row and its modules.
 */
export const PROVIDERS = ["local", "huggingface", "kubernetes"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export interface ProviderTraits {
  label: string;
  /**
   * Ebb starts and stops the replicas itself: a runtime of the operator's catalog applies, Ebb's
   * autoscaler sets the count, and the gateway routes to them. Otherwise the provider runs its own
   * replicas behind its own URL, and Ebb pushes the policy and forwards requests there.
   */
  replicasByEbb: boolean;
  /** Its replicas are containers: only runtimes with a container image apply. */
  runtimesNeedImage?: boolean;
  /** Its instance types are each organization's own, priced by it (a cluster's), not one catalog for all. */
  typesPerOrganization?: boolean;
  /** Its replicas are pods in the organization's cluster: their logs are read from there, not kept by Ebb. */
  replicasArePods?: boolean;
}

export const PROVIDER_TRAITS: Record<ProviderName, ProviderTraits> = {
  local: { label: "Local (replicas on this machine)", replicasByEbb: true },
  huggingface: { label: "Hugging Face Inference Endpoints", replicasByEbb: false },
  kubernetes: { label: "Kubernetes (your cluster)", replicasByEbb: true, runtimesNeedImage: true, typesPerOrganization: true, replicasArePods: true },
};

/** A provider's traits; undefined for a name Ebb does not know (never an Object.prototype member). */
function traitsOf(provider: string): ProviderTraits | undefined {
  return Object.hasOwn(PROVIDER_TRAITS, provider) ? PROVIDER_TRAITS[provider as ProviderName] : undefined;
}

/** Whether Ebb runs this provider's replicas; an unknown provider is treated as someone else's. */
export function replicasByEbb(provider: string): boolean {
  return traitsOf(provider)?.replicasByEbb ?? false;
}

/**
 * Under which name an endpoint's instance type is priced: an organization's own types apart from any
 * other's (two organizations' "gpu-large" are different machines at different prices); a catalog's as they are.
 */
export function priceKeyOf(endpoint: { provider: string; organizationId: string; instanceType: string }): string {
  return traitsOf(endpoint.provider)?.typesPerOrganization ? `${endpoint.provider}/${endpoint.organizationId}/${endpoint.instanceType}` : endpoint.instanceType;
}

export function replicasArePods(provider: string): boolean {
  return traitsOf(provider)?.replicasArePods ?? false;
}
