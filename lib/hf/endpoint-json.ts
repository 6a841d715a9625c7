import type { EndpointRow } from "@/lib/db/schema";
import { LOCAL_INSTANCE_TYPES, type InstanceType } from "@/lib/domain/instance-types";
import { STATE_LABELS } from "@/lib/domain/states";
import type { HfHardware } from "@/lib/providers/huggingface/catalog";
import { findRuntime } from "@/lib/runtimes/catalog";
import { BUILTIN_RUNTIME } from "@/lib/domain/runtime";
import { replicasByEbb } from "@/lib/domain/providers";
import { storedRuntime } from "@/lib/runtimes/stored";

/**
 * Ebb endpoints in the shapes of the Hugging Face Inference Endpoints API (shared/providers.md §2–3), so
 * `huggingface_hub` scripts work against Ebb unchanged.
 */

export const LOCAL_VENDOR = "ebb";
const LOCAL_REGION = "local";

/** UTC with a Z suffix, as the client requires. */
const iso = (d: Date) => d.toISOString();

export function hfState(row: EndpointRow): string {
  return row.state === "deleted" ? "paused" : row.state;
}

function message(row: EndpointRow): string {
  if (row.stateMessage) return row.stateMessage;
  if (row.state === "running") return "Endpoint is ready";
  return STATE_LABELS[row.state] ?? row.state;
}

/** Where the endpoint runs: its Hugging Face compute, or the local instance type under Ebb's own vendor. */
function placement(row: EndpointRow) {
  const spec = row.providerSpec;
  if (spec) {
    return { provider: { vendor: spec.vendor, region: spec.region }, id: row.instanceType, accelerator: spec.accelerator, instanceType: spec.instanceType, instanceSize: spec.instanceSize };
  }
  const accelerator = LOCAL_INSTANCE_TYPES.find((t) => t.id === row.instanceType)?.accelerator ?? "cpu";
  return { provider: { vendor: LOCAL_VENDOR, region: LOCAL_REGION }, id: `${LOCAL_VENDOR}-${LOCAL_REGION}-${row.instanceType}`, accelerator, instanceType: row.instanceType, instanceSize: "x1" };
}

/** The runtime as Hugging Face's image field: its own image for the built-in server, else a custom one by name. */
function imageOf(row: EndpointRow) {
  const { name } = storedRuntime(row.runtime);
  if (!replicasByEbb(row.provider) || name === BUILTIN_RUNTIME) return { huggingface: {} };
  return { custom: { url: name, healthRoute: findRuntime(name)?.healthPath ?? "/health" } };
}

export function hfEndpointJson(row: EndpointRow, baseUrl: string, namespace: string, actor: { id: string; name: string }) {
  const { provider, ...compute } = placement(row);
  return {
    name: row.name,
    type: row.protected ? "authenticated" : "public",
    accountId: null,
    provider,
    compute: {
      ...compute,
      scaling: {
        minReplica: row.minReplicas,
        maxReplica: row.maxReplicas,
        scaleToZeroTimeout: Math.round(row.scaleToZeroSeconds / 60),
        metric: "pendingRequests",
        measure: { pendingRequests: row.targetConcurrency },
      },
    },
    model: { repository: row.model, revision: null, task: "text-generation", framework: "custom", image: imageOf(row), env: {}, secrets: {} },
    healthRoute: "/health",
    status: {
      createdAt: iso(row.createdAt),
      createdBy: actor,
      updatedAt: iso(row.updatedAt),
      updatedBy: actor,
      state: hfState(row),
      message: message(row),
      readyReplica: row.readyReplicas,
      targetReplica: row.targetReplicas,
      url: `${baseUrl}/e/${namespace}/${row.name}`,
    },
  };
}

/** Hugging Face's catalog rows back into the listing's vendor → region → compute tree. */
function providerVendors(rows: HfHardware[]) {
  const vendors: Array<{ name: string; regions: Array<{ name: string; computes: unknown[] }> }> = [];
  for (const h of rows) {
    let vendor = vendors.find((v) => v.name === h.vendor);
    if (!vendor) vendors.push((vendor = { name: h.vendor, regions: [] }));
    let region = vendor.regions.find((r) => r.name === h.region);
    if (!region) vendor.regions.push((region = { name: h.region, computes: [] }));
    const { id, accelerator, instanceType, instanceSize, architecture, numAccelerators, numCpus, memoryGb, gpuMemoryGb, pricePerHour, status, quota } = h;
    region.computes.push({ id, accelerator, instanceType, instanceSize, architecture, numAccelerators, numCpus, memoryGb, gpuMemoryGb, pricePerHour, status, quota: quota ?? { maxAccelerators: 0, usedAccelerators: 0 } });
  }
  return vendors;
}

/**
 * The hardware listing's vendor tree: the local instance types under Ebb's own vendor, then the connected
 * Hugging Face catalog, so a script can create on either.
 */
export function hfHardware(usedAccelerators: number, quota: number, instanceTypes: InstanceType[] = LOCAL_INSTANCE_TYPES, huggingFace: HfHardware[] = []) {
  return {
    vendors: [
      {
        name: LOCAL_VENDOR,
        regions: [
          {
            name: LOCAL_REGION,
            computes: instanceTypes.map((t) => ({
              id: `${LOCAL_VENDOR}-${LOCAL_REGION}-${t.id}`,
              accelerator: t.accelerator,
              instanceType: t.id,
              instanceSize: "x1",
              architecture: t.label,
              numAccelerators: 1,
              numCpus: t.vcpus,
              memoryGb: t.memoryGb,
              gpuMemoryGb: null,
              pricePerHour: t.pricePerHour,
              status: "available",
              quota: { maxAccelerators: quota, usedAccelerators },
            })),
          },
        ],
      },
      ...providerVendors(huggingFace),
    ],
  };
}
