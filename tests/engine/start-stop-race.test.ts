import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { specOf } from "@/lib/controller/controller";
import { listEngineEndpoints } from "@/lib/controller/store";
import type { Caller } from "@/lib/services/caller";
import { pauseEndpoint } from "@/lib/services/endpoints";
import { createOrganization } from "../support/accounts";
import { withTestDatabase } from "../support/database";
import { createTestEndpoint, startTestEngine, waitFor, type TestEngine } from "../support/engine";

withTestDatabase();

let owner: Caller;
let test: TestEngine;

beforeAll(async () => {
  owner = await createOrganization("Race Org");
  test = await startTestEngine();
});

afterAll(async () => {
  await test?.close();
});

/** Pids of processes whose environment names this replica. */
function processesOf(replicaId: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(`EBB_REPLICA_ID=${replicaId}`)) found.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

it("leaves no process behind when a replica is stopped while it is being started", async () => {
  const endpoint = await createTestEndpoint(owner, { name: "race", min: 0, max: 1 });
  await pauseEndpoint({ caller: owner, name: "race" });
  await waitFor(() => test.engine.provider.active(endpoint.id).length === 0, 20_000, "the paused endpoint at zero");
  const spec = specOf((await listEngineEndpoints()).find((e) => e.id === endpoint.id)!);

  const started: string[] = [];
  for (let i = 0; i < 5; i++) {
    // Asked for and cancelled in the same instant, before its command is even spawned.
    test.engine.provider.scaleTo(spec, 1);
    started.push(...test.engine.provider.all().filter((r) => r.endpointId === endpoint.id).map((r) => r.id));
    await test.engine.provider.stopEndpoint(endpoint.id);
  }
  expect(started).toHaveLength(5);
  await new Promise((r) => setTimeout(r, 2000));
  expect(started.flatMap(processesOf)).toEqual([]);
  expect(test.engine.provider.all().filter((r) => r.endpointId === endpoint.id)).toEqual([]);
});
