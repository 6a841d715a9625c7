/**
 * Instance types of the local provider. Replicas run on this machine; the prices are notional, in the
 * range of the small CPU instances of hosted providers, so cost charts mean something.
 */
export interface InstanceType {
  id: string;
  provider: "local";
  label: string;
  accelerator: string;
  vcpus: number;
  memoryGb: number;
  pricePerHour: number;
}

export const LOCAL_INSTANCE_TYPES: InstanceType[] = [
  { id: "cpu-small", provider: "local", label: "CPU · 2 vCPU · 4 GB", accelerator: "cpu", vcpus: 2, memoryGb: 4, pricePerHour: 0.15 },
  { id: "cpu-medium", provider: "local", label: "CPU · 4 vCPU · 8 GB", accelerator: "cpu", vcpus: 4, memoryGb: 8, pricePerHour: 0.3 },
  { id: "cpu-large", provider: "local", label: "CPU · 8 vCPU · 16 GB", accelerator: "cpu", vcpus: 8, memoryGb: 16, pricePerHour: 0.6 },
];

export function findInstanceType(id: string): InstanceType | undefined {
  return LOCAL_INSTANCE_TYPES.find((t) => t.id === id);
}

/**
 * An instance type of an organization's Kubernetes cluster: the resources each replica's container asks
 * for (requests and limits) and what the organization says a replica-hour costs it.
 */
export interface ClusterInstanceType {
  id: string;
  vcpus: number;
  memoryGb: number;
  /** nvidia.com/gpu per replica. */
  gpus: number;
  pricePerHour: number;
}

/** Until an organization lists its own: the local sizes, at the local notional prices. */
export const DEFAULT_CLUSTER_INSTANCE_TYPES: ClusterInstanceType[] = LOCAL_INSTANCE_TYPES.map(({ id, vcpus, memoryGb, pricePerHour }) => ({ id, vcpus, memoryGb, gpus: 0, pricePerHour }));

export function clusterInstanceLabel(type: ClusterInstanceType): string {
  return [`${type.vcpus} vCPU`, `${type.memoryGb} GB`, ...(type.gpus > 0 ? [`${type.gpus} GPU`] : [])].join(" · ");
}

/** The rows of the instance types editor, named `types.N.FIELD`, in order of N. */
export function instanceTypeRows<T>(entries: Iterable<[string, T]>): Record<string, T>[] {
  const byIndex = new Map<number, Record<string, T>>();
  for (const [name, value] of entries) {
    const match = /^types\.(\d{1,3})\.(id|vcpus|memoryGb|gpus|pricePerHour)$/.exec(name);
    if (match) byIndex.set(Number(match[1]), { ...byIndex.get(Number(match[1])), [match[2]!]: value });
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}
