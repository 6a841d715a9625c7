/** Scaling presets, as in FlexAI's guide. */
export interface Preset {
  id: string;
  label: string;
  description: string;
  autoscaling: boolean;
  minReplicas: number;
  maxReplicas: number;
}

export const PRESETS: Preset[] = [
  { id: "cost-optimized", label: "Cost-optimized", description: "0–2: scales to zero when idle", autoscaling: true, minReplicas: 0, maxReplicas: 2 },
  { id: "performance", label: "Performance", description: "2–10: always warm, room to grow", autoscaling: true, minReplicas: 2, maxReplicas: 10 },
  { id: "fixed", label: "Fixed", description: "4–4: a steady fleet", autoscaling: false, minReplicas: 4, maxReplicas: 4 },
  { id: "development", label: "Development", description: "0–1: cheapest for trying things", autoscaling: true, minReplicas: 0, maxReplicas: 1 },
  { id: "production", label: "Production", description: "3–15: warm and resilient", autoscaling: true, minReplicas: 3, maxReplicas: 15 },
  { id: "batch", label: "Batch", description: "5–5: fixed for batch jobs", autoscaling: false, minReplicas: 5, maxReplicas: 5 },
];

export const HOURS_PER_MONTH = 730;

/**
 * Hourly cost when idle (at min; at zero replicas the storage the ledger charges) and at max, and the
 * monthly range between them.
 */
export function estimateCost(pricePerHour: number, minReplicas: number, maxReplicas: number, storagePricePerHour = 0) {
  const idle = minReplicas > 0 ? pricePerHour * minReplicas : storagePricePerHour;
  const peak = pricePerHour * Math.max(0, maxReplicas);
  return { idlePerHour: idle, peakPerHour: peak, monthLow: idle * HOURS_PER_MONTH, monthHigh: peak * HOURS_PER_MONTH };
}

export function formatUsd(amount: number): string {
  return amount.toLocaleString("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: amount < 1 && amount > 0 ? 3 : 2 });
}
