/**
 * Replica-seconds and cost over an interval, from the replica count timeline and versioned prices.
 * Pure: cost = Σ replicas × seconds × hourly price, plus seconds at zero replicas (paused or scaled to
 * zero) × storage price. Each sample holds until the next; each price from its start until the next.
 */

export interface ReplicaSample {
  at: number;
  ready: number;
  /** Replicas starting or ready: what is billed. */
  target: number;
}

export interface PriceVersion {
  from: number;
  pricePerHour: number;
  storagePricePerHour: number;
}

export interface Accrual {
  readySeconds: number;
  billedSeconds: number;
  storageSeconds: number;
  maxReady: number;
  maxTarget: number;
  computeCost: number;
  storageCost: number;
}

export const emptyAccrual = (): Accrual => ({ readySeconds: 0, billedSeconds: 0, storageSeconds: 0, maxReady: 0, maxTarget: 0, computeCost: 0, storageCost: 0 });

/** The last element whose key is at or before `t` (the list sorted by key). */
function lastAtOrBefore<T>(list: T[], key: (item: T) => number, t: number): T | undefined {
  let found: T | undefined;
  for (const item of list) {
    if (key(item) <= t) found = item;
    else break;
  }
  return found;
}

/**
 * What [start, end) cost. `samples` and `prices` are sorted by time and may begin before `start`; time
 * before the first sample (the endpoint did not exist yet) costs nothing.
 */
export function accrue(samples: ReplicaSample[], prices: PriceVersion[], start: number, end: number): Accrual {
  const result = emptyAccrual();
  if (end <= start) return result;
  const cuts = new Set<number>([start, end]);
  for (const s of samples) if (s.at > start && s.at < end) cuts.add(s.at);
  for (const p of prices) if (p.from > start && p.from < end) cuts.add(p.from);
  const points = [...cuts].sort((a, b) => a - b);

  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i]!;
    const seconds = (points[i + 1]! - a) / 1000;
    const sample = lastAtOrBefore(samples, (s) => s.at, a);
    if (!sample) continue;
    const price = lastAtOrBefore(prices, (p) => p.from, a);
    result.readySeconds += sample.ready * seconds;
    result.billedSeconds += sample.target * seconds;
    result.maxReady = Math.max(result.maxReady, sample.ready);
    result.maxTarget = Math.max(result.maxTarget, sample.target);
    if (sample.target === 0) result.storageSeconds += seconds;
    if (price) {
      result.computeCost += (sample.target * seconds * price.pricePerHour) / 3600;
      if (sample.target === 0) result.storageCost += (seconds * price.storagePricePerHour) / 3600;
    }
  }
  return result;
}
