import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import type { EndpointRow } from "@/lib/db/schema";
import { BUILTIN_RUNTIME } from "@/lib/domain/runtime";
import { LOCAL_VENDOR } from "./endpoint-json";

/** The create and update bodies `huggingface_hub` sends (shared/providers.md §2), read leniently. */
const scaling = z
  .object({
    minReplica: z.unknown().optional(),
    maxReplica: z.unknown().optional(),
    scaleToZeroTimeout: z.unknown().optional(),
    measure: z.object({ pendingRequests: z.unknown().optional() }).partial().nullish(),
  })
  .partial();

const createBody = z.object({
  name: z.unknown(),
  type: z.string().optional(),
  provider: z.object({ vendor: z.string().optional(), region: z.string().optional() }).partial().optional(),
  compute: z.object({ instanceType: z.unknown().optional(), instanceSize: z.unknown().optional(), scaling: scaling.optional() }).partial().optional(),
  model: z.object({ repository: z.unknown(), image: z.record(z.string(), z.unknown()).nullish() }).partial().optional(),
});

/**
 * The container image of a Hugging Face create, read as a runtime of Ebb's catalog: a custom image's
 * `url` names the runtime, Hugging Face's own images (or none) are the built-in server, and the other
 * kinds (tgi, llamacpp, …) are looked up under their own names. Nothing in it is ever run as given.
 */
function runtimeFromImage(image: Record<string, unknown> | null | undefined): { name: unknown } {
  const [kind, value] = Object.entries(image ?? {})[0] ?? ["huggingface", {}];
  if (kind === "huggingface") return { name: BUILTIN_RUNTIME };
  if (kind === "custom") return { name: (value as { url?: unknown } | null)?.url };
  return { name: kind.toLowerCase() };
}

const updateBody = z.object({
  compute: z.object({ instanceType: z.unknown().optional(), instanceSize: z.unknown().optional(), scaling: scaling.optional() }).partial().optional(),
  model: z.object({ repository: z.unknown().optional() }).partial().passthrough().optional(),
});

function shape<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ValidationError({ body: ["The body does not have the shape of an Inference Endpoints request."] }, "The body does not have the shape of an Inference Endpoints request.");
  return parsed.data;
}

/** A create body → Ebb's create input (judged by Ebb's own schema afterwards). */
export function createInputFromHf(body: unknown) {
  const b = shape(createBody, body);
  const s = b.compute?.scaling ?? {};
  // Ebb's own vendor (or none) is the local provider; a cloud vendor is Hugging Face, whose compute id
  // joins vendor, region, instance type and size (aws-us-east-1-nvidia-l4-x1).
  const vendor = b.provider?.vendor;
  const onHuggingFace = vendor !== undefined && vendor !== LOCAL_VENDOR;
  return {
    name: b.name,
    model: b.model?.repository,
    provider: onHuggingFace ? "huggingface" : "local",
    ...(onHuggingFace ? {} : { runtime: runtimeFromImage(b.model?.image) }),
    instanceType: onHuggingFace ? [vendor, b.provider?.region, b.compute?.instanceType, b.compute?.instanceSize].join("-") : b.compute?.instanceType,
    protected: b.type !== undefined && b.type !== "public",
    autoscaling: true,
    // The client's defaults: 1 and 1 when not given.
    // Absent means the client's default; null is no count, and the schema says so.
    minReplicas: s.minReplica === undefined ? 1 : s.minReplica,
    maxReplicas: s.maxReplica === undefined ? 1 : s.maxReplica,
    scaleToZeroMinutes: s.scaleToZeroTimeout ?? undefined,
    targetConcurrency: s.measure?.pendingRequests ?? undefined,
  };
}

/** A partial update body merged over the endpoint's policy: an absent key means unchanged. */
export function policyInputFromHf(body: unknown, current: EndpointRow) {
  const b = shape(updateBody, body);
  if (b.compute?.instanceType !== undefined && b.compute.instanceType !== (current.providerSpec?.instanceType ?? current.instanceType)) {
    throw ValidationError.forField("compute.instanceType", "Changing the instance type of an endpoint is not supported: create a new endpoint.");
  }
  if (b.model?.repository !== undefined && b.model.repository !== current.model) {
    throw ValidationError.forField("model.repository", "Changing the model of an endpoint is not supported: create a new endpoint.");
  }
  const s = b.compute?.scaling ?? {};
  const givesRange = s.minReplica !== undefined || s.maxReplica !== undefined;
  return {
    // Hugging Face scales between min and max; a fixed-count endpoint becomes auto-scaling when given a range.
    autoscaling: givesRange ? true : current.autoscaling,
    minReplicas: s.minReplica === undefined ? current.minReplicas : s.minReplica,
    maxReplicas: s.maxReplica === undefined ? current.maxReplicas : s.maxReplica,
    scaleToZeroMinutes: s.scaleToZeroTimeout ?? Math.max(1, Math.round(current.scaleToZeroSeconds / 60)),
    targetConcurrency: s.measure?.pendingRequests ?? current.targetConcurrency,
    // A timeout given is a fixed one; otherwise Auto stays as it was.
    scaleToZeroAuto: s.scaleToZeroTimeout === undefined && current.scaleToZeroAuto,
    coldStartWorthMinutes: current.coldStartWorthMinutes,
  };
}
