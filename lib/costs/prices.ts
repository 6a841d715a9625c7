import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { instancePrices } from "@/lib/db/schema";
import { LOCAL_INSTANCE_TYPES, type InstanceType } from "@/lib/domain/instance-types";
import { env, type Env } from "@/lib/env";
import type { PriceVersion } from "./accrue";

/** Storage while paused or scaled to zero, per hour: the model's files kept on disk. */
export const DEFAULT_STORAGE_PRICE_PER_HOUR = 0.015;

/** The local instance types at their configured prices (EBB_LOCAL_PRICES), the defaults otherwise. */
export function localInstanceTypes(config: Env = env()): InstanceType[] {
  return LOCAL_INSTANCE_TYPES.map((t) => ({ ...t, pricePerHour: config.EBB_LOCAL_PRICES?.[t.id] ?? t.pricePerHour }));
}

/**
 * Gives each local instance type its configured price: the first one from the beginning of time, a changed
 * one from now on, so the cost already accrued keeps the price it had.
 */
export async function applyLocalPrices(config: Env = env(), now = new Date()): Promise<void> {
  const storage = localStoragePrice(config);
  for (const t of localInstanceTypes(config)) await recordCatalogPrice(t.id, t.pricePerHour, storage, now);
}

/** A new price from `effectiveFrom` on; the cost of earlier time keeps the earlier price. */
export async function setInstancePrice(price: { instanceType: string; effectiveFrom: Date; pricePerHour: number; storagePricePerHour: number }) {
  const db = await getDb();
  await db
    .insert(instancePrices)
    .values(price)
    .onConflictDoUpdate({
      target: [instancePrices.instanceType, instancePrices.effectiveFrom],
      set: { pricePerHour: price.pricePerHour, storagePricePerHour: price.storagePricePerHour },
    });
}

export async function priceVersions(instanceType: string): Promise<PriceVersion[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(instancePrices)
    .where(and(eq(instancePrices.instanceType, instanceType)))
    .orderBy(asc(instancePrices.effectiveFrom));
  return rows.map((r) => ({ from: r.effectiveFrom.getTime(), pricePerHour: r.pricePerHour, storagePricePerHour: r.storagePricePerHour }));
}

/**
 * Keeps a provider's catalog price as the instance type's current one: its first price covers all
 * time, a changed price starts a new version now.
 */
export async function recordCatalogPrice(instanceType: string, pricePerHour: number, storagePricePerHour: number, now = new Date()): Promise<void> {
  const versions = await priceVersions(instanceType);
  const latest = versions.at(-1);
  if (latest && latest.pricePerHour === pricePerHour && latest.storagePricePerHour === storagePricePerHour) return;
  await setInstancePrice({ instanceType, effectiveFrom: latest ? now : new Date(0), pricePerHour, storagePricePerHour });
}

/** The instance type's price per hour now, or null when it has none. */
export type CurrentPrice = Pick<PriceVersion, "pricePerHour" | "storagePricePerHour">;

export async function currentPrice(instanceType: string, now = Date.now()): Promise<CurrentPrice | null> {
  const versions = await priceVersions(instanceType);
  const current = versions.filter((v) => v.from <= now).at(-1);
  return current ? { pricePerHour: current.pricePerHour, storagePricePerHour: current.storagePricePerHour } : null;
}

/** What a local endpoint costs per hour at zero replicas (paused or scaled to zero). */
export function localStoragePrice(config: Env = env()): number {
  return config.EBB_LOCAL_STORAGE_PRICE ?? DEFAULT_STORAGE_PRICE_PER_HOUR;
}
