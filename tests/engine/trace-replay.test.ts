import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { endpointEvents, replicaSamples } from "@/lib/db/schema";
import { compress, readTrace } from "@/lib/traces/azure";
import type { Caller } from "@/lib/services/caller";
import { createOrganization } from "../support/accounts";
import { getDb, withTestDatabase } from "../support/database";
import { createTestEndpoint, endpointRow, startTestEngine, waitFor, type TestEngine } from "../support/engine";
import { nonSuccess, replayTrace } from "../support/load";

withTestDatabase();

let owner: Caller;
let test: TestEngine;

beforeAll(async () => {
  owner = await createOrganization("Replay Org");
  // Time compressed tenfold: windows of 6 s and 0.6 s instead of Knative's 60 s and 6 s.
  test = await startTestEngine({ controller: { windows: { stableMs: 6000, panicMs: 600 } } });
});

afterAll(async () => {
  await test?.close();
});

it("follows a compressed replay of the Azure trace up and back down, with no failed request", async () => {
  const endpoint = await createTestEndpoint(owner, {
    name: "replay",
    min: 0,
    max: 5,
    targetConcurrency: 4,
    scaleToZeroSeconds: 3,
    tokensPerSecond: 100,
  });
  // Four minutes of the trace at 12× speed: about 20 s of real traffic at around 65 requests/s.
  const requests = compress(readTrace(), { fromMs: 0, durationMs: 4 * 60_000, speedup: 12 });
  expect(requests.length).toBeGreaterThan(1000);

  let peakReady = 0;
  const watcher = setInterval(() => {
    peakReady = Math.max(peakReady, test.engine.provider.ready(endpoint.id).length);
  }, 100);
  const outcomes = await replayTrace(`${test.url}/e/${owner.organizationSlug}/replay/v1/completions`, requests, {
    scaleUpTimeout: 60,
    // Capped so one request takes at most 0.3 s at 100 tokens/s.
    maxTokens: (r) => Math.max(1, Math.min(30, r.generatedTokens)),
  });
  clearInterval(watcher);

  expect(Object.fromEntries(outcomes)).toEqual({ 200: requests.length });
  expect(nonSuccess(outcomes)).toBe(0);
  expect(peakReady).toBeGreaterThan(1);
  console.log(`trace replay: ${requests.length} requests, all 200, peak ${peakReady} ready replicas`);

  // After the traffic: back down to zero once idle.
  await waitFor(async () => (await endpointRow(endpoint.id)).state === "scaledToZero", 60_000, "scale to zero after the replay");
  // Scaled to zero as soon as the target is 0; the replicas finish draining right after.
  await waitFor(() => test.engine.provider.all().length === 0, 20_000, "the replicas to drain and stop");

  const db = await getDb();
  const samples = await db.select().from(replicaSamples).where(eq(replicaSamples.endpointId, endpoint.id)).orderBy(desc(replicaSamples.at));
  expect(Math.max(...samples.map((s) => s.target))).toBeGreaterThan(1);
  const scaled = await db.select().from(endpointEvents).where(eq(endpointEvents.endpointId, endpoint.id));
  const messages = scaled.filter((e) => e.kind === "scaled").map((e) => e.message);
  expect(messages.some((m) => /→ 0/.test(m))).toBe(true);
  expect(messages.some((m) => /panic|average load/.test(m))).toBe(true);
});
