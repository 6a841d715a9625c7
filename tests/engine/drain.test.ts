import { afterAll, beforeAll, expect, it } from "vitest";
import type { Caller } from "@/lib/services/caller";
import { createOrganization } from "../support/accounts";
import { withTestDatabase } from "../support/database";
import { completion, createTestEndpoint, startTestEngine, waitFor, type TestEngine } from "../support/engine";

withTestDatabase();

let owner: Caller;
let test: TestEngine;

beforeAll(async () => {
  owner = await createOrganization("Drain Org");
  test = await startTestEngine();
});

afterAll(async () => {
  await test?.close();
});

it("a clean stop finishes the requests in flight and answers the held ones 503 with Retry-After at once", async () => {
  const warm = await createTestEndpoint(owner, { name: "warm", min: 1, max: 1, tokensPerSecond: 20 });
  const cold = await createTestEndpoint(owner, { name: "cold", min: 0, max: 1, scaleToZeroSeconds: 60, loadSeconds: 30 });
  await waitFor(() => test.engine.provider.ready(warm.id).length === 1, 20_000, "the warm endpoint's replica");

  // 30 tokens at 20 a second: in flight for about a second and a half.
  const inFlight = completion(test.url, `/e/${owner.organizationSlug}/warm`, { maxTokens: 30 });
  await waitFor(() => test.engine.provider.ready(warm.id)[0]!.inFlight > 0, 5000, "the request on the replica");
  const held = completion(test.url, `/e/${owner.organizationSlug}/cold`, { scaleUpTimeout: 60 });
  await waitFor(() => test.engine.provider.all().some((r) => r.endpointId === cold.id), 5000, "the cold start");

  test.engine.drain();
  const heldResponse = await held;
  expect(heldResponse.status).toBe(503);
  expect(heldResponse.headers.get("retry-after")).toBe("1");
  expect((await heldResponse.json()).error).toMatch(/shutting down/);
  // At once: the cold start (30 s of loading) is still under way.
  expect(test.engine.provider.ready(cold.id)).toHaveLength(0);

  const answered = await inFlight;
  expect(answered.status).toBe(200);
  expect((await answered.json()).usage.completion_tokens).toBe(30);

  const late = await completion(test.url, `/e/${owner.organizationSlug}/warm`);
  expect(late.status).toBe(503);
});
