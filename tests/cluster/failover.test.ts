import { and, asc, desc, eq, gte } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectCluster } from "@/lib/cluster/link";
import { LOCK_KEY } from "@/lib/controller/leader";
import type { ClusterBus } from "@/lib/cluster/bus";
import { accrue } from "@/lib/costs/accrue";
import { endpointEvents, replicaSamples } from "@/lib/db/schema";
import { isAlive } from "@/lib/process-alive";
import type { Caller } from "@/lib/services/caller";
import { createOrganization } from "../support/accounts";
import { getDb, testDatabaseUrl, withTestDatabase } from "../support/database";
import { activeReplicas, completion, createTestEndpoint, waitFor } from "../support/engine";
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

it("a leader whose database session ends hands its replicas over: the new leader adopts them, and the old one's clean stop leaves them running and billed", async () => {
  const url = testDatabaseUrl()!;
  const first = await startEbb("first", url);
  const second = await startEbb("second", url);
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const endpoint = await createTestEndpoint(owner, { name: "handed", min: 1, max: 1 });
    await waitFor(async () => (await activeReplicas(endpoint.id)).filter((r) => r.status === "ready").length === 1, 60_000, "a ready replica");
    const [replica] = await activeReplicas(endpoint.id);

    // Which process leads shows in pg_stat_activity: its lock session is named after it.
    const holder = async () => {
      const [row] = await admin<{ name: string }[]>`
        select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.granted and l.objid = ${LOCK_KEY}
          and l.database = (select oid from pg_database where datname = current_database())`;
      return row?.name ?? null;
    };
    const leads = (ebb: EbbProcess) => async () => (await holder())?.endsWith(` ${ebb.child.pid}`) ?? false;
    const [old, next] = (await leads(first)()) ? [first, second] : [second, first];
    // The leader's session ends (a database failover, a proxy timing out) until the other process holds
    // the lock: the old leader may take it back first.
    await waitFor(
      async () => {
        if (await leads(next)()) return true;
        await admin`
          select pg_terminate_backend(l.pid) from pg_locks l
          where l.locktype = 'advisory' and l.granted and l.objid = ${LOCK_KEY}
            and l.database = (select oid from pg_database where datname = current_database())`;
        return false;
      },
      20_000,
      "the other process to lead",
    );
    const db = await getDb();
    const adopted = () => db.select().from(endpointEvents).where(and(eq(endpointEvents.endpointId, endpoint.id), eq(endpointEvents.kind, "replica-adopted")));
    await waitFor(async () => (await adopted()).length === 1, 10_000, "the new leader to adopt the replica");

    // The old leader's clean stop stops nothing that is no longer its own, and bills no zero.
    await old.stop();
    expect(isAlive(replica!.pid!)).toBe(true);
    expect((await completion(next.url, `/e/${owner.organizationSlug}/handed`)).status).toBe(200);
    const [last] = await db.select().from(replicaSamples).where(eq(replicaSamples.endpointId, endpoint.id)).orderBy(desc(replicaSamples.at)).limit(1);
    expect(last).toMatchObject({ ready: 1, target: 1 });
    expect(await activeReplicas(endpoint.id)).toEqual([expect.objectContaining({ id: replica!.id, pid: replica!.pid })]);
  } finally {
    await Promise.all([first.stop(), second.stop()]);
    await admin.end();
  }
});
