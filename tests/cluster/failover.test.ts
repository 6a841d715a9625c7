import { and, asc, eq, gte } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectCluster } from "@/lib/cluster/link";
import type { ClusterBus } from "@/lib/cluster/bus";
import { accrue } from "@/lib/costs/accrue";
import { endpointEvents, replicaSamples } from "@/lib/db/schema";
import { isAlive } from "@/lib/process-alive";
import type { Caller } from "@/lib/services/caller";
import { createOrganization } from "../support/accounts";
import { getDb, testDatabaseUrl, withTestDatabase } from "../support/database";
import { activeReplicas, createTestEndpoint, waitFor } from "../support/engine";
import { closedLoop, nonSuccess } from "../support/load";
import { startEbb, type EbbProcess } from "../support/ebb-process";

withTestDatabase();

let owner: Caller;
let cluster: ClusterBus;
let leader: EbbProcess;
let survivor: EbbProcess;

beforeAll(async () => {
  const url = testDatabaseUrl()!;
  owner = await createOrganization("Failover Org");
  cluster = await connectCluster(url);
  leader = await startEbb("leader", url);
  survivor = await startEbb("survivor", url);
});

afterAll(async () => {
  await Promise.all([leader?.stop(), survivor?.stop()]);
  await cluster?.close();
});

it("a leader killed under load: the other process takes over within 10 s, adopts its replicas, fails no request and bills no gap", async () => {
  // Two replicas, fixed: the ledger must show two for every second, whoever leads.
  const endpoint = await createTestEndpoint(owner, { name: "steady", min: 2, max: 2 });
  await waitFor(async () => (await activeReplicas(endpoint.id)).filter((r) => r.status === "ready").length === 2, 60_000, "two ready replicas");
  const before = await activeReplicas(endpoint.id);

  const loadStartedAt = Date.now();
  let stopLoad!: () => void;
  const load = closedLoop(`${survivor.url}/e/${owner.organizationSlug}/steady/v1/completions`, { concurrency: 2, stop: new Promise<void>((r) => (stopLoad = r)) });
  await new Promise((r) => setTimeout(r, 2000));

  const killedAt = Date.now();
  leader.child.kill("SIGKILL");
  const db = await getDb();
  await waitFor(
    async () => (await db.select().from(endpointEvents).where(and(eq(endpointEvents.endpointId, endpoint.id), eq(endpointEvents.kind, "replica-adopted")))).length === 2,
    10_000,
    "the survivor to lead and adopt both replicas",
  );
  const tookOverMs = Date.now() - killedAt;
  await new Promise((r) => setTimeout(r, 3000));
  stopLoad();
  const outcomes = await load;
  const loadEndedAt = Date.now();

  expect(nonSuccess(outcomes), JSON.stringify([...outcomes])).toBe(0);
  expect(outcomes.get(200)).toBeGreaterThan(20);
  expect(tookOverMs).toBeLessThan(10_000);
  // The same two processes serve: adopted, not replaced, and none left that no Ebb knows of.
  const after = await activeReplicas(endpoint.id);
  expect(after.map((r) => r.pid).sort()).toEqual(before.map((r) => r.pid).sort());
  expect(after.every((r) => isAlive(r.pid!))).toBe(true);

  // The ledger: two replicas billed for every second of the load, the leader's last samples and the
  // survivor's first ones meeting with no gap and no second set of replicas counted.
  await survivor.stop();
  const samples = await db
    .select()
    .from(replicaSamples)
    .where(and(eq(replicaSamples.endpointId, endpoint.id), gte(replicaSamples.at, new Date(0))))
    .orderBy(asc(replicaSamples.at));
  const timeline = samples.map((s) => ({ at: s.at.getTime(), ready: s.ready, target: s.target }));
  const ledger = accrue(timeline, [{ from: 0, pricePerHour: 1, storagePricePerHour: 0 }], loadStartedAt, loadEndedAt);
  const seconds = (loadEndedAt - loadStartedAt) / 1000;
  expect(ledger.billedSeconds / (2 * seconds)).toBeCloseTo(1, 2);
  expect(ledger.maxTarget).toBe(2);
  // The survivor's clean stop stopped the replicas it adopted.
  expect(before.every((r) => !isAlive(r.pid!))).toBe(true);
});
