import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEngine, type Engine } from "@/lib/engine";
import { isAlive } from "@/lib/process-alive";
import type { Caller } from "@/lib/services/caller";
import { createEndpoint } from "@/lib/services/endpoints";
import { getReplicaLogs } from "@/lib/services/replica-logs";
import { createOrganization } from "../support/accounts";
import { withTestDatabase } from "../support/database";
import { waitFor } from "../support/engine";
import { useTestRuntimes } from "../support/runtimes";

withTestDatabase();

const engineOptions = { controller: { tickMs: 200, flushEveryMs: 300, warmUpMs: 60_000 }, provider: { stopGraceMs: 2000 } };

let owner: Caller;
let engine: Engine | null = null;

beforeAll(async () => {
  useTestRuntimes();
  owner = await createOrganization("Output Org");
});

afterAll(async () => {
  await engine?.stop({ stopReplicas: true });
});

/**
 * Running, not merely present: a killed child of a dead replica is reaped by the system's init, which
 * may take a moment, and kill(pid, 0) still finds a process waiting to be reaped (state Z).
 */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

const lastTick = async (): Promise<number> => {
  const [replica] = await getReplicaLogs({ caller: owner, name: "chatty", lines: 5 });
  const line = replica?.lines.findLast((l) => l.line.startsWith("tick "));
  return line ? Number(line.line.slice(5)) : -1;
};

it("a replica that keeps writing outlives a console crash, and the next console adopts it and shows its new lines", async () => {
  engine = await startEngine(engineOptions);
  await createEndpoint({
    caller: owner,
    input: { name: "chatty", model: "acme/chatty", instanceType: "cpu-small", autoscaling: false, minReplicas: 1, maxReplicas: 1, runtime: { name: "chatty" } },
  });
  const endpointId = (await waitFor(() => engine!.provider.all()[0], 10_000, "a replica")).endpointId;
  const [replica] = await waitFor(() => (engine!.provider.ready(endpointId).length ? engine!.provider.ready(endpointId) : null), 20_000, "a ready replica");
  await waitFor(async () => (await lastTick()) >= 5, 10_000, "its lines in the logs");

  // The console goes as a crash would take it, while the replica writes 20 lines a second.
  await engine.stop({ stopReplicas: false });
  engine = null;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(isAlive(replica!.pid!)).toBe(true);
  const before = await lastTick();

  engine = await startEngine(engineOptions);
  const [adopted] = await waitFor(() => (engine!.provider.ready(endpointId).length ? engine!.provider.ready(endpointId) : null), 10_000, "the replica adopted");
  expect(adopted!.pid).toBe(replica!.pid);
  // What it writes after the adoption reaches the logs.
  await waitFor(async () => (await lastTick()) > before + 30, 10_000, "new lines from the adopted replica");
  expect(isAlive(replica!.pid!)).toBe(true);
});

it("a replica whose own process died has its whole group stopped before a replacement starts", async () => {
  engine ??= await startEngine(engineOptions);
  await createEndpoint({
    caller: owner,
    input: { name: "wrapper", model: "acme/wrapper", instanceType: "cpu-small", autoscaling: false, minReplicas: 1, maxReplicas: 1, runtime: { name: "wrapper" } },
  });
  const childPids = async (): Promise<number[]> =>
    (await getReplicaLogs({ caller: owner, name: "wrapper" })).flatMap((r) => r.lines.filter((l) => l.line.startsWith("child ")).map((l) => Number(l.line.slice(6))));
  // Each replica starts a child and dies 1.5 s later; Ebb replaces it after a back-off.
  const pids = await waitFor(async () => ((await childPids()).length >= 2 ? childPids() : null), 30_000, "two replicas' children");
  // The first replica's child died with it, though it was never told to stop by its parent.
  // (Replicas come newest first: the last child listed is the first replica's.)
  const first = pids.at(-1)!;
  expect(running(first)).toBe(false);
  await engine.stop({ stopReplicas: true });
  engine = null;
  expect(pids.filter(running)).toEqual([]);
});
