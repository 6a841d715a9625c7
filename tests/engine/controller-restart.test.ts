import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { replicas } from "@/lib/db/schema";
import { startEngine, type Engine } from "@/lib/engine";
import { isAlive } from "@/lib/process-alive";
import type { Caller } from "@/lib/services/caller";
import { createOrganization } from "../support/accounts";
import { getDb, withTestDatabase } from "../support/database";
import { createTestEndpoint, waitFor } from "../support/engine";
import { closedLoop, nonSuccess } from "../support/load";

withTestDatabase();

const engineOptions = (warmUpMs: number) => ({
  directoryTtlMs: 100,
  controller: { tickMs: 200, flushEveryMs: 500, warmUpMs, windows: { stableMs: 4000, panicMs: 400 } },
  provider: { stopGraceMs: 3000 },
});

let owner: Caller;
let current: Promise<Engine>;
let server: http.Server;
let url: string;

beforeAll(async () => {
  owner = await createOrganization("Restart Org");
  current = startEngine(engineOptions(60_000));
  // Requests that arrive while the engine restarts wait for the next one, as a load balancer would retry.
  server = http.createServer(async (req, res) => void (await current).handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await (await current).stop({ stopReplicas: true });
  server.closeAllConnections();
  server.close();
});

it("adopts running replicas after a restart under load, removes none during warm-up, and leaves no orphan", async () => {
  const endpoint = await createTestEndpoint(owner, { name: "steady", min: 0, max: 4, targetConcurrency: 2, tokensPerSecond: 40 });
  const target = `${url}/e/${owner.organizationSlug}/steady/v1/completions`;
  let stopHeavy!: () => void;
  const heavy = closedLoop(target, { concurrency: 6, stop: new Promise<void>((r) => (stopHeavy = r)), scaleUpTimeout: 30 });
  let stopLight!: () => void;
  const light = closedLoop(target, { concurrency: 1, stop: new Promise<void>((r) => (stopLight = r)), scaleUpTimeout: 30 });
  const first = await current;
  await waitFor(() => first.provider.ready(endpoint.id).length >= 2, 30_000, "at least two ready replicas");
  const before = first.provider.ready(endpoint.id).map((r) => r.pid!);

  // A process recorded as a replica that is not one (its health check never answers): it must not survive.
  const stray = spawn("sleep", ["300"], { detached: true, stdio: "ignore" });
  const db = await getDb();
  await db.insert(replicas).values({ id: crypto.randomUUID(), endpointId: endpoint.id, pid: stray.pid!, port: 9, status: "ready" });

  // The controller goes away as a crash would take it, leaving its replicas running.
  let restarted!: (engine: Engine) => void;
  current = new Promise<Engine>((r) => (restarted = r));
  await first.stop({ stopReplicas: false });
  expect(before.every(isAlive)).toBe(true);
  const warmUpMs = 8000;
  const second = await startEngine(engineOptions(warmUpMs));
  restarted(second);
  // The load drops to what one replica can take: only the warm-up keeps the others.
  stopHeavy();

  // Every replica from before is adopted and kept through the warm-up, even though the new controller
  // has seen only a few seconds of load.
  // (A replica that was still starting when the first controller went may be adopted too.)
  const adopted = second.provider.ready(endpoint.id).map((r) => r.pid!);
  expect(adopted).toEqual(expect.arrayContaining(before));
  const warmUpEnds = Date.now() + warmUpMs - 1000;
  while (Date.now() < warmUpEnds) {
    const live = new Set(second.provider.all().map((r) => r.pid));
    expect(before.every((pid) => live.has(pid) && isAlive(pid))).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
  }
  await waitFor(() => !isAlive(stray.pid!), 5000, "the stray process to be stopped");

  // Once the warm-up is over, the autoscaler acts on the metrics it now has and scales down.
  await waitFor(() => second.provider.ready(endpoint.id).length < before.length, 20_000, "scale-down after the warm-up");

  stopLight();
  const outcomes = new Map<number | "error", number>();
  for (const part of [await heavy, await light]) for (const [k, v] of part) outcomes.set(k, (outcomes.get(k) ?? 0) + v);
  const total = [...outcomes.values()].reduce((a, b) => a + b, 0);
  console.log(`controller restart: ${total} requests, ${nonSuccess(outcomes)} failed, ${before.length} replicas adopted`);
  expect(nonSuccess(outcomes)).toBe(0);

  // A clean stop leaves nothing behind: every process ever recorded is gone.
  const all = second.provider.all().map((r) => r.pid!);
  await second.stop({ stopReplicas: true });
  current = startEngine(engineOptions(0));
  const recorded = await db.select().from(replicas).where(eq(replicas.endpointId, endpoint.id));
  for (const pid of [...before, ...all, ...recorded.map((r) => r.pid!)]) expect(isAlive(pid)).toBe(false);
});
