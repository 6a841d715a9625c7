import { afterAll, beforeAll, expect, it } from "vitest";
import type { Caller } from "@/lib/services/caller";
import { createOrganization } from "../support/accounts";
import { withTestDatabase } from "../support/database";
import { completion, createTestEndpoint, startTestEngine, waitFor, type TestEngine } from "../support/engine";

withTestDatabase();

let owner: Caller;
let test: TestEngine;

beforeAll(async () => {
  owner = await createOrganization("Step Org");
  // The controller's own windows and tick: 60 s stable, 6 s panic, a decision a second.
  test = await startTestEngine({ controller: { tickMs: 1000 } });
});

afterAll(async () => {
  await test?.close();
});

it("has the replicas a 4× step needs ready within a replica's boot time plus 3 s", async () => {
  // Target 2 per replica; each replica takes 2 s to load its model.
  const endpoint = await createTestEndpoint(owner, { name: "step", min: 1, max: 5, targetConcurrency: 2, loadSeconds: 2, tokensPerSecond: 20 });
  await waitFor(() => test.engine.provider.ready(endpoint.id).length === 1, 15_000, "the first replica");
  const path = `/e/${owner.organizationSlug}/step`;

  // Closed-loop clients, each with one request of about 1 s in flight at a time.
  let clients = 0;
  let stop = false;
  const failures: number[] = [];
  const loops: Array<Promise<void>> = [];
  const addClients = (n: number) => {
    for (let i = 0; i < n; i++) {
      clients++;
      loops.push(
        (async () => {
          while (!stop) {
            const response = await completion(test.url, path, { maxTokens: 20 });
            if (response.status !== 200) failures.push(response.status);
            await response.arrayBuffer();
          }
        })(),
      );
    }
  };

  // One replica's capacity for 8 s, then four times that.
  addClients(2);
  await new Promise((r) => setTimeout(r, 8000));
  expect(test.engine.provider.active(endpoint.id)).toHaveLength(1);
  const stepAt = Date.now();
  addClients(6);
  await waitFor(() => test.engine.provider.ready(endpoint.id).length >= 4, 60_000, "four ready replicas");
  const readyAfter = Date.now() - stepAt;
  stop = true;
  await Promise.all(loops);

  const booted = test.engine.provider.ready(endpoint.id).map((r) => r.readyAt! - r.startedAt);
  const bootMs = Math.max(...booted);
  console.log(`4× step with ${clients} clients: 4 ready after ${readyAfter} ms; a replica boots in ${bootMs} ms`);
  expect(readyAfter).toBeLessThanOrEqual(bootMs + 3000);
  expect(failures).toEqual([]);
});
