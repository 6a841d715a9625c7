import { asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { accrue } from "@/lib/costs/accrue";
import { replicaSamples } from "@/lib/db/schema";
import { startEngine } from "@/lib/engine";
import { createOrganization } from "../support/accounts";
import { getDb, withTestDatabase } from "../support/database";
import { createTestEndpoint, waitFor } from "../support/engine";

withTestDatabase();

it("a clean stop closes the ledger: the time until the next start is not billed at the replicas that ran before", async () => {
  const owner = await createOrganization("Stop Org");
  const engine = await startEngine({ controller: { tickMs: 200, flushEveryMs: 300 } });
  const endpoint = await createTestEndpoint(owner, { name: "always-on", min: 2, max: 2 });
  await waitFor(() => engine.provider.ready(endpoint.id).length === 2, 20_000, "two ready replicas");
  // Long enough for the controller to record them running.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await engine.stop({ stopReplicas: true });
  const stoppedAt = Date.now();

  const db = await getDb();
  const rows = await db.select().from(replicaSamples).where(eq(replicaSamples.endpointId, endpoint.id)).orderBy(asc(replicaSamples.at));
  const samples = rows.map((r) => ({ at: r.at.getTime(), ready: r.ready, target: r.target }));
  expect(samples.some((s) => s.target === 2)).toBe(true);
  const price = [{ from: 0, pricePerHour: 1, storagePricePerHour: 0.01 }];
  // While it ran, two replicas were billed; the night after the stop bills storage only.
  expect(accrue(samples, price, samples[0]!.at, stoppedAt).billedSeconds).toBeGreaterThan(0);
  const night = accrue(samples, price, stoppedAt, stoppedAt + 8 * 3_600_000);
  expect(night.billedSeconds).toBe(0);
  expect(night.storageSeconds).toBe(8 * 3600);
});
