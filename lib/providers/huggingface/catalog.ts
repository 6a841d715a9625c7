import type { HfClient } from "./client";

/** One row of the provider's hardware catalog, as the New Inference form offers it. */
export interface HfHardware {
  /** The compute id, e.g. aws-us-east-1-nvidia-l4-x1: Ebb's instance type for this endpoint. */
  id: string;
  vendor: string;
  region: string;
  accelerator: string;
  instanceType: string;
  instanceSize: string;
  architecture: string;
  numAccelerators: number;
  numCpus: number | null;
  memoryGb: number;
  gpuMemoryGb: number | null;
  pricePerHour: number;
  status: string;
  quota: { maxAccelerators: number; usedAccelerators: number } | null;
}

/** The vendor → region → compute tree flattened into rows, available ones first, cheapest first. */
export async function hardwareCatalog(client: HfClient): Promise<HfHardware[]> {
  const tree = await client.hardware();
  const rows: HfHardware[] = [];
  for (const vendor of tree.vendors) {
    for (const region of vendor.regions) {
      for (const c of region.computes) {
        rows.push({
          id: String(c.id),
          vendor: vendor.name,
          region: region.name,
          accelerator: String(c.accelerator),
          instanceType: String(c.instanceType),
          instanceSize: String(c.instanceSize),
          architecture: String(c.architecture ?? c.instanceType),
          numAccelerators: Number(c.numAccelerators ?? 1),
          numCpus: c.numCpus == null ? null : Number(c.numCpus),
          memoryGb: Number(c.memoryGb ?? 0),
          gpuMemoryGb: c.gpuMemoryGb == null ? null : Number(c.gpuMemoryGb),
          pricePerHour: Number(c.pricePerHour ?? 0),
          status: String(c.status ?? "available"),
          quota: (c.quota as HfHardware["quota"] | undefined) ?? null,
        });
      }
    }
  }
  const unavailable = (h: HfHardware) => (h.status === "not_available" || h.status === "deprecated" ? 1 : 0);
  return rows.sort((a, b) => unavailable(a) - unavailable(b) || a.pricePerHour - b.pricePerHour || a.id.localeCompare(b.id));
}

/** "Nvidia L4 ×1 · aws us-east-1", for a select. */
export function hardwareLabel(h: HfHardware): string {
  return `${h.architecture} ×${h.numAccelerators} · ${h.vendor} ${h.region}`;
}
