import { afterAll, beforeAll, expect, it } from "vitest";
import { connectCluster } from "@/lib/cluster/link";
import type { ClusterBus } from "@/lib/cluster/bus";
import { pauseEndpoint, resumeEndpoint } from "@/lib/services/endpoints";
import type { Caller } from "@/lib/services/caller";
import { createOrganization } from "../support/accounts";
import { testDatabaseUrl, withTestDatabase } from "../support/database";
import { activeReplicas, completion, createTestEndpoint, endpointRow, waitFor } from "../support/engine";
import { startEbb, type EbbProcess } from "../support/ebb-process";
import { closedLoop, nonSuccess } from "../support/load";

withTestDatabase();

let owner: Caller;
let cluster: ClusterBus;
const processes: EbbProcess[] = [];

beforeAll(async () => {
  const url = testDatabaseUrl()!;
  owner = await createOrganization("Cluster Org");
  // The test changes endpoints as a console process would: through the services, announced to the others.
  cluster = await connectCluster(url);
  // The first to start leads; the second serves through gateway processes of its own, as npm start does.
  processes.push(await startEbb("a", url));
  processes.push(await startEbb("b", url, { EBB_GATEWAY_PROCESSES: "1" }));
  processes.push(await startEbb("c", url));
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await cluster?.close();
});

it("serves an endpoint through every process's gateway, waking it from zero through one that does not lead", async () => {
  const [a, b, c] = processes as [EbbProcess, EbbProcess, EbbProcess];
  const endpoint = await createTestEndpoint(owner, { name: "shared", min: 0, max: 2, scaleToZeroSeconds: 2 });
  const path = `/e/${owner.organizationSlug}/shared`;
  // A new endpoint starts once; two idle seconds later it is at zero.
  await waitFor(async () => (await endpointRow(endpoint.id)).state === "scaledToZero" && (await activeReplicas(endpoint.id)).length === 0, 60_000, "the endpoint at zero");

  // At zero, a request held on a process that does not lead wakes the endpoint where the replicas run.
  const woken = await completion(b.url, path, { scaleUpTimeout: 60 });
  expect(woken.status).toBe(200);
  expect(((await woken.json()) as { choices: unknown[] }).choices).toHaveLength(1);

  // Every gateway serves every request, held or not.
  for (const process of [a, b, c]) {
    const answers = await Promise.all(Array.from({ length: 20 }, () => completion(process.url, path, { scaleUpTimeout: 30 })));
    expect(answers.map((r) => r.status), `through ${process.name}`).toEqual(Array(20).fill(200));
  }
  // One process leads, and says so to Prometheus; the others say they do not.
  const leading = await Promise.all([a, b, c].map(async (p) => /^ebb_leader (\d)$/m.exec(await (await fetch(`${p.url}/metrics`)).text())?.[1]));
  expect(leading).toEqual(["1", "0", "0"]);
  // One set of replicas, run by one process, for all three gateways.
  const running = await activeReplicas(endpoint.id);
  expect(running.length).toBeGreaterThanOrEqual(1);
  expect(running.length).toBeLessThanOrEqual(2);
  expect(new Set(running.map((r) => r.pid)).size).toBe(running.length);

  // A pause made elsewhere reaches every gateway within moments, well inside the second for which a
  // gateway trusts what it read of an endpoint: the notification did it, not the cache's expiry.
  await pauseEndpoint({ caller: owner, name: "shared" });
  for (const process of [a, b, c]) {
    const text = await waitFor(
      async () => {
        const paused = await completion(process.url, path);
        return paused.status === 503 ? paused.text() : null;
      },
      500,
      `the pause to reach ${process.name}`,
    );
    expect(text).toMatch(/paused/);
  }
  await resumeEndpoint({ caller: owner, name: "shared" });
  for (const process of [c, b, a]) {
    const resumed = await completion(process.url, path, { scaleUpTimeout: 60 });
    expect(resumed.status, `resumed, through ${process.name}`).toBe(200);
  }
});

it("an endpoint created after the processes started is found by every one of them at once", async () => {
  await createTestEndpoint(owner, { name: "newcomer", min: 1, max: 1 });
  const path = `/e/${owner.organizationSlug}/newcomer`;
  for (const process of processes) {
    const answer = await completion(process.url, path, { scaleUpTimeout: 60 });
    expect(answer.status, `through ${process.name}`).toBe(200);
  }
});

it("traffic through a process that does not lead keeps the endpoint up: the leader counts it", async () => {
  const [, b] = processes as [EbbProcess, EbbProcess, EbbProcess];
  const endpoint = await createTestEndpoint(owner, { name: "remote-traffic", min: 0, max: 2, scaleToZeroSeconds: 2 });
  await waitFor(async () => (await endpointRow(endpoint.id)).state === "scaledToZero", 60_000, "the endpoint at zero");
  const url = `${b.url}/e/${owner.organizationSlug}/remote-traffic/v1/completions`;
  expect((await completion(b.url, `/e/${owner.organizationSlug}/remote-traffic`, { scaleUpTimeout: 60 })).status).toBe(200);
  // Twice the idle timeout of steady traffic through B alone, with no X-Scale-Up-Timeout: a leader blind
  // to it would scale to zero and these would be answered 503.
  let stop!: () => void;
  const outcomes = await Promise.all([closedLoop(url, { concurrency: 2, stop: new Promise<void>((r) => (stop = r)) }), new Promise((r) => setTimeout(r, 5000)).then(() => stop())]);
  expect(nonSuccess(outcomes[0]), JSON.stringify([...outcomes[0]])).toBe(0);
  expect((await endpointRow(endpoint.id)).state).toBe("running");
});

