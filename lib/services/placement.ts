import type { ProviderSpec } from "@/lib/db/schema";
import type { RuntimeChoice } from "@/lib/domain/endpoint";
import { findInstanceType } from "@/lib/domain/instance-types";
import type { ProviderName } from "@/lib/domain/providers";
import { ValidationError } from "@/lib/errors";
import { findRuntime, runtimeCatalog } from "@/lib/runtimes/catalog";
import { HF_NOT_CONNECTED, huggingFacePlacement } from "./huggingface";
import { hasHuggingFaceConnection } from "./provider-connections";
import { KUBERNETES_NOT_CONNECTED, kubernetesConnection } from "./kubernetes-connection";

export interface PlacementRequest {
  organizationId: string;
  name: string;
  instanceType: string;
  runtime: RuntimeChoice;
}

/** Where a new endpoint will run, as stored with it; field errors when the provider cannot place it. */
export interface Placement {
  providerSpec: ProviderSpec | null;
  region: string | null;
  /** How the lifecycle log says where it was created ("" for this machine). */
  where: string;
}

/** A runtime of the operator's catalog, or a field error listing them. */
function assertRuntime(runtime: RuntimeChoice): void {
  if (!findRuntime(runtime.name)) {
    const names = runtimeCatalog().map((r) => r.name).join(", ");
    throw ValidationError.forField("runtime.name", `No runtime "${runtime.name}" here. Choose one of: ${names}.`);
  }
}

/** Local replicas: an instance type of this install and a runtime of the operator's catalog. */
async function placeLocally(request: PlacementRequest): Promise<Placement> {
  if (!findInstanceType(request.instanceType)) throw ValidationError.forField("instanceType", "Choose one of the listed instance types.");
  assertRuntime(request.runtime);
  return { providerSpec: null, region: null, where: "" };
}

/** One of the organization's instance types on its cluster, and a runtime with a container image. */
async function placeOnKubernetes(request: PlacementRequest): Promise<Placement> {
  const connection = await kubernetesConnection(request.organizationId);
  if (!connection) throw ValidationError.forField("provider", KUBERNETES_NOT_CONNECTED);
  if (!connection.instanceTypes.some((t) => t.id === request.instanceType)) {
    throw ValidationError.forField("instanceType", `Choose one of the cluster's instance types: ${connection.instanceTypes.map((t) => t.id).join(", ")}.`);
  }
  assertRuntime(request.runtime);
  const runtime = findRuntime(request.runtime.name)!;
  if (!runtime.image) {
    const withImage = runtimeCatalog().filter((r) => r.image).map((r) => r.name);
    const choose = withImage.length ? `Choose one of: ${withImage.join(", ")}.` : "The operator's catalog has none: an \"image\" is added to a runtime there.";
    throw ValidationError.forField("runtime.name", `Runtime "${runtime.name}" has no container image, so it cannot run on Kubernetes. ${choose}`);
  }
  return { providerSpec: null, region: null, where: ` on Kubernetes (namespace ${connection.namespace})` };
}

/** A compute of the organization's Hugging Face catalog; the controller then creates it there. */
async function placeOnHuggingFace(request: PlacementRequest): Promise<Placement> {
  const spec = await huggingFacePlacement(request.organizationId, request.name, request.instanceType);
  return { providerSpec: spec, region: spec.region, where: ` on Hugging Face (${spec.vendor} ${spec.region}, ${spec.instanceType} ${spec.instanceSize})` };
}

interface ProviderPlacement {
  /** Throws a field error when the organization cannot use the provider at all (checked first). */
  ready?: (organizationId: string) => Promise<void>;
  place: (request: PlacementRequest) => Promise<Placement>;
}

const PLACEMENTS: Record<ProviderName, ProviderPlacement> = {
  local: { place: placeLocally },
  huggingface: {
    // Without a connection, Hugging Face's instance types cannot even be listed: that is the error to show.
    ready: async (organizationId) => {
      if (!(await hasHuggingFaceConnection(organizationId))) throw ValidationError.forField("provider", HF_NOT_CONNECTED);
    },
    place: placeOnHuggingFace,
  },
  kubernetes: {
    ready: async (organizationId) => {
      if (!(await kubernetesConnection(organizationId))) throw ValidationError.forField("provider", KUBERNETES_NOT_CONNECTED);
    },
    place: placeOnKubernetes,
  },
};

/** Before the rest of the input is judged: whether the provider named (if it is one) is usable at all. */
export async function assertProviderReady(provider: unknown, organizationId: string): Promise<void> {
  if (typeof provider === "string" && Object.hasOwn(PLACEMENTS, provider)) await PLACEMENTS[provider as ProviderName].ready?.(organizationId);
}

export function placeEndpoint(provider: ProviderName, request: PlacementRequest): Promise<Placement> {
  return PLACEMENTS[provider].place(request);
}
