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
