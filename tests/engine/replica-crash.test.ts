import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { endpointEvents } from "@/lib/db/schema";
import { isAlive } from "@/lib/process-alive";
import type { Caller } from "@/lib/services/caller";
import { createOrganization } from "../support/accounts";
import { getDb, withTestDatabase } from "../support/database";
import { createTestEndpoint, startTestEngine, waitFor, type TestEngine } from "../support/engine";
import { closedLoop, nonSuccess } from "../support/load";

withTestDatabase();

let owner: Caller;
let test: TestEngine;

beforeAll(async () => {
  owner = await createOrganization("Crash Org");
  test = await startTestEngine();
});

afterAll(async () => {
  await test?.close();
});

it("replaces a replica killed under load without failing a request, retrying those in flight on it", async () => {
  // Two replicas, fixed: requests of 8 tokens at 40 tokens/s take 0.2 s, so each replica has some in flight.
  const endpoint = await createTestEndpoint(owner, { name: "crashy", min: 2, max: 2, tokensPerSecond: 40 });
  await waitFor(() => test.engine.provider.ready(endpoint.id).length === 2, 20_000, "two ready replicas");
  const url = `${test.url}/e/${owner.organizationSlug}/crashy/v1/completions`;

  let stop!: () => void;
  const load = closedLoop(url, { concurrency: 8, stop: new Promise<void>((r) => (stop = r)), scaleUpTimeout: 30 });
  await new Promise((r) => setTimeout(r, 1500));

  const [victim, survivor] = test.engine.provider.ready(endpoint.id);
  const inFlightOnVictim = victim!.inFlight;
  process.kill(victim!.pid!, "SIGKILL");

  // A new replica takes its place while the load goes on.
  await waitFor(
    () => {
      const ready = test.engine.provider.ready(endpoint.id);
      return ready.length === 2 && !ready.includes(victim!) && ready.includes(survivor!);
    },
    20_000,
    "a replacement replica",
  );
  await new Promise((r) => setTimeout(r, 1000));
  stop();
  const outcomes = await load;

  const failed = nonSuccess(outcomes);
  const total = [...outcomes.values()].reduce((a, b) => a + b, 0);
  // Requests in flight on it whose answer had not started are retried on the other replica.
  console.log(`replica crash: ${total} requests, ${failed} failed, ${inFlightOnVictim} were in flight on the killed replica`);
  expect(total).toBeGreaterThan(50);
  // The kill caught requests in flight, and every one of them was answered by the other replica.
  expect(inFlightOnVictim).toBeGreaterThan(0);
  expect(failed).toBe(0);
  expect(isAlive(victim!.pid!)).toBe(false);

  const db = await getDb();
  const crashes = await db
    .select()
    .from(endpointEvents)
    .where(and(eq(endpointEvents.endpointId, endpoint.id), eq(endpointEvents.kind, "replica-crashed")));
  expect(crashes).toHaveLength(1);
  expect(crashes[0]!.message).toMatch(/killed by SIGKILL/);
});

it("ends a stream cut by its replica's death with an error event, not a bare connection reset", async () => {
  const endpoint = await createTestEndpoint(owner, { name: "streamer", min: 1, max: 1, tokensPerSecond: 20 });
  await waitFor(() => test.engine.provider.ready(endpoint.id).length === 1, 20_000, "a ready replica");
  const response = await fetch(`${test.url}/e/${owner.organizationSlug}/streamer/v1/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt: "We hold these truths", max_tokens: 200, stream: true }),
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = decoder.decode((await reader.read()).value);
  // Tokens are flowing: the replica dies mid-answer.
  process.kill(-test.engine.provider.ready(endpoint.id)[0]!.pid!, "SIGKILL");
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  const events = text.split("\n\n").filter(Boolean);
  expect(events.length).toBeGreaterThan(1);
  expect(events.at(-1)).toMatch(/^event: error\ndata: \{"error":\{"message":"The replica stopped before the answer was complete/);
  expect(text).not.toContain("[DONE]");
});
