import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { endpoints, type ProviderSpec } from "@/lib/db/schema";
import { ENDPOINT_NAME_PATTERN } from "@/lib/domain/endpoint";
import { recordCatalogPrice } from "@/lib/costs/prices";
import { ValidationError } from "@/lib/errors";
import { notifyEndpointChanged } from "@/lib/endpoint-changes";
import { HfApiError, type HfClient } from "@/lib/providers/huggingface/client";
import type { HfHardware } from "@/lib/providers/huggingface/catalog";
import { cachedCatalog } from "@/lib/providers/huggingface/catalog-cache";
import { observedFromHf, policyFromHf, toHfScaling } from "@/lib/providers/huggingface/mapping";
import { assertCan, type Caller } from "./caller";
import { huggingFaceClientFor } from "./provider-connections";
import { recordEvent, userActor } from "@/lib/events/record";

/** Hugging Face bills nothing while paused or scaled to zero (providers.md §3). */
export const HF_STORAGE_PRICE_PER_HOUR = 0;

export const HF_NOT_CONNECTED = "Connect a Hugging Face account under Settings → Providers first.";

export type HardwareOffer = { connected: false } | { connected: true; hardware: HfHardware[] } | { connected: true; error: string };

/**
 * A call to Hugging Face on behalf of a form or an API request: no connection, or Hugging Face's refusal
 * in its own words, is a field error on the provider.
 */
async function withConnection<T>(organizationId: string, call: (client: HfClient) => Promise<T>): Promise<T> {
  const client = await huggingFaceClientFor(organizationId);
  if (!client) throw ValidationError.forField("provider", HF_NOT_CONNECTED);
  try {
    return await call(client);
  } catch (error) {
    if (error instanceof HfApiError) throw ValidationError.forField("provider", error.shown);
    throw error;
  }
}

/** The provider's hardware with prices, for the New Inference form; the provider's words on failure. */
export async function huggingFaceHardware({ caller }: { caller: Caller }): Promise<HardwareOffer> {
  assertCan(caller, "endpoints.view");
  const client = await huggingFaceClientFor(caller.organizationId);
  if (!client) return { connected: false };
  try {
    return { connected: true, hardware: await cachedCatalog(caller.organizationId, client) };
  } catch (error) {
    if (error instanceof HfApiError) return { connected: true, error: error.shown };
    throw error;
  }
}

/**
 * Where a new Hugging Face endpoint will run: the compute of the catalog named by `instanceType`, with its
 * price recorded for the cost ledger. Field errors when there is no connection or no such compute.
 */
export async function huggingFacePlacement(organizationId: string, name: string, instanceType: string): Promise<ProviderSpec> {
  const catalog = await withConnection(organizationId, (client) => cachedCatalog(organizationId, client));
  const compute = catalog.find((h) => h.id === instanceType);
  if (!compute) throw ValidationError.forField("instanceType", "Choose one of the instance types of your Hugging Face catalog.");
  if (compute.status === "not_available" || compute.status === "deprecated") {
    throw ValidationError.forField("instanceType", `This instance type is ${compute.status.replace("_", " ")} at Hugging Face; choose another.`);
  }
  await recordCatalogPrice(compute.id, compute.pricePerHour, HF_STORAGE_PRICE_PER_HOUR);
  const { vendor, region, accelerator, instanceType: type, instanceSize } = compute;
  return { name, vendor, region, accelerator, instanceType: type, instanceSize };
}

/**
 * Brings the endpoints that already run in the connected namespace into Ebb, with their policy and state
 * as Hugging Face reports them. Endpoints already known (by their name there) are left as they are.
 */
export async function adoptHuggingFaceEndpoints({ caller }: { caller: Caller }): Promise<{ adopted: string[]; skipped: Array<{ name: string; reason: string }> }> {
  assertCan(caller, "endpoints.manage");
  const { namespace, remote, catalog } = await withConnection(caller.organizationId, async (client) => {
    const [remote, catalog] = await Promise.all([client.list(), cachedCatalog(caller.organizationId, client)]);
    return { namespace: client.namespace, remote, catalog };
  });
  const db = await getDb();
  const known = await db
    .select({ name: endpoints.name, spec: endpoints.providerSpec })
    .from(endpoints)
    .where(and(eq(endpoints.organizationId, caller.organizationId), isNull(endpoints.deletedAt)));
  const knownRemote = new Set(known.filter((k) => k.spec).map((k) => k.spec!.name));
  const knownNames = new Set(known.map((k) => k.name));
  const adopted: string[] = [];
  const skipped: Array<{ name: string; reason: string }> = [];
  for (const hf of remote) {
    if (knownRemote.has(hf.name)) continue;
    if (!ENDPOINT_NAME_PATTERN.test(hf.name)) {
      skipped.push({ name: hf.name, reason: "Its name is not a valid Ebb endpoint name." });
      continue;
    }
    if (knownNames.has(hf.name)) {
      skipped.push({ name: hf.name, reason: "An Ebb endpoint already has this name." });
      continue;
    }
    const compute = catalog.find((h) => h.instanceType === hf.compute.instanceType && h.instanceSize === hf.compute.instanceSize);
    const computeId = hf.compute.id ?? compute?.id ?? `${hf.compute.instanceType}-${hf.compute.instanceSize}`;
    if (compute) await recordCatalogPrice(computeId, compute.pricePerHour, HF_STORAGE_PRICE_PER_HOUR);
    const policy = policyFromHf(hf.compute.scaling);
    const observed = observedFromHf(hf);
    const provider = hf.provider;
    const spec: ProviderSpec = {
      name: hf.name,
      vendor: provider?.vendor ?? compute?.vendor ?? "",
      region: provider?.region ?? compute?.region ?? "",
      accelerator: hf.compute.accelerator,
      instanceType: hf.compute.instanceType,
      instanceSize: hf.compute.instanceSize,
    };
    const created = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(endpoints)
        .values({
          organizationId: caller.organizationId,
          name: hf.name,
          model: hf.model.repository,
          provider: "huggingface",
          instanceType: computeId,
          region: spec.region || null,
          ...policy,
          desiredState: observed.state === "paused" ? "paused" : "running",
          state: observed.state,
          stateMessage: observed.message,
          readyReplicas: observed.ready,
          targetReplicas: observed.target,
          providerSpec: spec,
          providerUrl: observed.url,
          providerSynced: { created: true, scaling: toHfScaling(policy), paused: observed.state === "paused" },
        })
        .returning();
      await recordEvent(tx, {
        endpointId: row!.id,
        organizationId: caller.organizationId,
        actor: userActor(caller),
        kind: "adopted",
        message: `Adopted from Hugging Face (${namespace}/${hf.name}), ${observed.state}`,
        after: { scaling: hf.compute.scaling },
      });
      return row!;
    });
    notifyEndpointChanged(created.id);
    adopted.push(hf.name);
  }
  return { adopted, skipped };
}
