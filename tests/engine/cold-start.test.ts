import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coldStarts, endpointEvents, endpoints, replicas } from "@/lib/db/schema";
import { isAlive } from "@/lib/process-alive";
import type { Caller } from "@/lib/services/caller";
import { createOrganization } from "../support/accounts";
import { getDb, withTestDatabase } from "../support/database";
import { completion, createTestEndpoint, endpointRow, startTestEngine, waitFor, type TestEngine } from "../support/engine";

withTestDatabase();

let owner: Caller;
let test: TestEngine;

beforeAll(async () => {
  owner = await createOrganization("Cold Start Org");
  test = await startTestEngine();
});

afterAll(async () => {
  await test?.close();
});

describe("an endpoint that scales to zero", () => {
  it("wakes on a request, holds it through the cold start, and goes back to zero when idle", async () => {
    // Idle for 4 s before scaling to zero: well past the 1.5 s load, so on a busy machine the start at
    // creation is still ready before the endpoint goes idle (else it is cancelled and records no cold start).
    const endpoint = await createTestEndpoint(owner, { name: "wake", min: 0, max: 3, scaleToZeroSeconds: 4, loadSeconds: 1.5 });
    const path = `/e/${owner.organizationSlug}/wake`;
    // New, it runs a replica (as on Hugging Face) until idle for its timeout, then nothing runs.
    await waitFor(async () => (await endpointRow(endpoint.id)).targetReplicas === 1, 10_000, "a replica at start");
    await waitFor(async () => (await endpointRow(endpoint.id)).state === "scaledToZero", 10_000, "scaledToZero once idle");
    await waitFor(() => test.engine.provider.all().length === 0, 10_000, "no process once idle");

    // Without X-Scale-Up-Timeout: 503 with Retry-After, and the endpoint starts.
    const early = await completion(test.url, path);
    expect(early.status).toBe(503);
    expect(Number(early.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await early.json()).error).toMatch(/starting/);

    // With it: held until a replica is ready, then answered.
    const started = Date.now();
    const held = await completion(test.url, path, { scaleUpTimeout: 30 });
    expect(held.status).toBe(200);
    const body = await held.json();
    expect(body.choices[0].text.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThan(500); // it did wait for the load
    expect((await endpointRow(endpoint.id)).state).toBe("running");

    const pids = test.engine.provider.all().map((r) => r.pid!);
    expect(pids.length).toBeGreaterThanOrEqual(1);

    // Idle past the timeout: back to zero, with no process left.
    await waitFor(async () => (await endpointRow(endpoint.id)).state === "scaledToZero", 20_000, "scale to zero");
    await waitFor(() => pids.every((pid) => !isAlive(pid)), 10_000, "replica processes to exit");
    await waitFor(() => test.engine.provider.all().length === 0, 5_000, "the provider to forget them");

    const db = await getDb();
    const starts = await db.select().from(coldStarts).where(eq(coldStarts.endpointId, endpoint.id));
    // Two starts from zero, each with the model's load time: at creation, and the one the request woke.
    expect(starts).toHaveLength(2);
    for (const start of starts) expect(start.durationMs).toBeGreaterThanOrEqual(1000);
    const recorded = await db.select().from(replicas).where(eq(replicas.endpointId, endpoint.id));
    expect(recorded.every((r) => r.status === "stopped")).toBe(true);
    const events = await db.select().from(endpointEvents).where(eq(endpointEvents.endpointId, endpoint.id));
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(["created", "scaled", "cold-start", "state"]));
  });

  it("holds the cost rollup while a request wakes an endpoint, so the wake goes first", async () => {
    const endpoint = await createTestEndpoint(owner, { name: "wake-first", min: 0, max: 1, scaleToZeroSeconds: 2, loadSeconds: 1.5 });
    await waitFor(() => test.engine.provider.all().some((r) => r.endpointId === endpoint.id), 10_000, "the start at creation");
    await waitFor(async () => (await endpointRow(endpoint.id)).state === "scaledToZero", 20_000, "scaledToZero once idle");
    await waitFor(() => test.engine.provider.active(endpoint.id).length === 0, 10_000, "no replica");
    // An hour of minutes to roll up.
    await (await getDb()).update(endpoints).set({ metricsThrough: new Date(Date.now() - 3_600_000) }).where(eq(endpoints.id, endpoint.id));

    const finished: string[] = [];
    const answered = completion(test.url, `/e/${owner.organizationSlug}/wake-first`, { scaleUpTimeout: 30 }).then(async (response) => {
      finished.push(`answer ${response.status}`);
    });
    await waitFor(() => test.engine.load.wakesInProgress() === 1, 5_000, "the request held at zero");
    const rolledUp = test.engine.controller.rollUpNow().then(() => finished.push("rollup"));
    await Promise.all([answered, rolledUp]);
    expect(finished).toEqual(["answer 200", "rollup"]);
    expect(test.engine.load.wakesInProgress()).toBe(0);
    expect((await endpointRow(endpoint.id)).metricsThrough!.getTime()).toBeGreaterThan(Date.now() - 120_000);
  });

  it("answers 504 when the endpoint does not start within X-Scale-Up-Timeout", async () => {
    await createTestEndpoint(owner, { name: "slow", min: 0, max: 1, scaleToZeroSeconds: 60, loadSeconds: 5 });
    const response = await completion(test.url, `/e/${owner.organizationSlug}/slow`, { scaleUpTimeout: 1 });
    expect(response.status).toBe(504);
    expect((await response.json()).error).toMatch(/did not start within the 1 s/);
  });

  it("answers 404 for unknown endpoints and namespaces", async () => {
    expect((await completion(test.url, `/e/${owner.organizationSlug}/nope`)).status).toBe(404);
    expect((await completion(test.url, `/e/no-such-org/wake`)).status).toBe(404);
  });
});
