import { hardwareCatalog, type HfHardware } from "./catalog";
import type { HfClient } from "./client";

const TTL_MS = 5 * 60_000;
const catalogs = new Map<string, { at: number; hardware: HfHardware[] }>();

/**
 * The organization's catalog, read at most every few minutes; when Hugging Face fails, the last one read
 * is good enough to choose hardware from.
 */
export async function cachedCatalog(organizationId: string, client: HfClient): Promise<HfHardware[]> {
  const key = `${organizationId}/${client.namespace}`;
  const hit = catalogs.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.hardware;
  try {
    const hardware = await hardwareCatalog(client);
    catalogs.set(key, { at: Date.now(), hardware });
    return hardware;
  } catch (error) {
    if (hit) return hit.hardware;
    throw error;
  }
}

/** A new or removed connection: the next read asks Hugging Face with it. */
export function forgetCatalog(organizationId: string): void {
  for (const key of catalogs.keys()) if (key.startsWith(`${organizationId}/`)) catalogs.delete(key);
}
