import type { ProviderName } from "@/lib/domain/providers";
import { HuggingFaceSync, type HuggingFaceSyncOptions } from "./huggingface-sync";
import type { EngineEndpoint } from "./store";

/**
 * A provider that runs its own replicas: the controller hands it its endpoints each pass, and it pushes
 * the policy and observes the state beside the reconcile loop, never inside it.
 */
export interface ExternalSync {
  kick(endpoints: EngineEndpoint[]): void;
  settle(): Promise<void>;
}

export interface ExternalSyncDeps {
  /** Records the replica counts the provider reports, as the local loop does for its own. */
  sample(endpointId: string, now: number, ready: number, target: number): void;
}

export interface ExternalSyncOptions {
  huggingface?: HuggingFaceSyncOptions;
}

/** One sync per provider whose replicas Ebb does not run. */
export function createExternalSyncs(deps: ExternalSyncDeps, options: ExternalSyncOptions): Partial<Record<ProviderName, ExternalSync>> {
  return { huggingface: new HuggingFaceSync(deps, options.huggingface) };
}
