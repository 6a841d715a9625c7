import { afterAll, beforeAll, expect, it } from "vitest";
import type { Caller } from "@/lib/services/caller";
import { startupProgress } from "@/lib/services/startup";
import { createOrganization } from "../support/accounts";
import { withTestDatabase } from "../support/database";
import { createTestEndpoint, endpointRow, startTestEngine, waitFor, type TestEngine } from "../support/engine";

withTestDatabase();

let owner: Caller;
let test: TestEngine;

beforeAll(async () => {
  owner = await createOrganization("Startup Org");
  test = await startTestEngine();
});

afterAll(async () => {
  await test?.close();
});

it("shows a start in progress: elapsed against the runtime's load time, then its measured start; nothing once ready", async () => {
  const endpoint = await createTestEndpoint(owner, { name: "slow", min: 1, max: 1, loadSeconds: 3 });
  const first = await waitFor(async () => {
    const progress = await startupProgress(await endpointRow(endpoint.id));
    return progress?.since ? progress : null;
  }, 10_000, "the replica's process to start");
  // Never started before: the runtime's stated load time is what to expect.
  expect(first).toMatchObject({ starting: 1, expectedSeconds: 3, expectedFrom: "runtime", phase: "Loading the model, waiting for its health check" });
  expect(first.elapsedSeconds).toBeGreaterThanOrEqual(0);
  expect(first.elapsedSeconds).toBeLessThan(3);

  await waitFor(async () => (await endpointRow(endpoint.id)).readyReplicas === 1, 15_000, "ready");
  expect(await startupProgress(await endpointRow(endpoint.id))).toBeNull();

  // The next start expects what the last one took.
  test.engine.provider.all().filter((r) => r.endpointId === endpoint.id).forEach((r) => process.kill(r.pid!, "SIGKILL"));
  const again = await waitFor(async () => {
    const progress = await startupProgress(await endpointRow(endpoint.id));
    return progress?.since ? progress : null;
  }, 15_000, "the replacement to start");
  expect(again.expectedFrom).toBe("measured");
  expect(again.expectedSeconds).toBeGreaterThanOrEqual(3);
});
