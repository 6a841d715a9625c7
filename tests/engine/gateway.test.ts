import { and, eq, sum } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpoints, memberships, requestStats } from "@/lib/db/schema";
import { createApiToken, revokeApiToken } from "@/lib/services/api-tokens";
import type { Caller } from "@/lib/services/caller";
import { pauseEndpoint, resumeEndpoint } from "@/lib/services/endpoints";
import { createMember, createOrganization } from "../support/accounts";
import { removeMember } from "@/lib/services/members";
import { getDb, withTestDatabase } from "../support/database";
import { completion, createTestEndpoint, endpointRow, startTestEngine, waitFor, type TestEngine } from "../support/engine";

withTestDatabase();

let owner: Caller;
let test: TestEngine;

beforeAll(async () => {
  owner = await createOrganization("Gateway Org");
  test = await startTestEngine({ gateway: { maxQueue: 2 } });
});

afterAll(async () => {
  await test?.close();
});

describe("the gateway", () => {
  it("streams server-sent events through as the replica writes them", async () => {
    const endpoint = await createTestEndpoint(owner, { name: "stream", min: 1, max: 1, tokensPerSecond: 20 });
    await waitFor(() => test.engine.provider.ready(endpoint.id).length === 1, 20_000, "a ready replica");
    const started = Date.now();
    const response = await fetch(`${test.url}/e/${owner.organizationSlug}/stream/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ messages: [{ role: "user", content: "We hold these truths" }], max_tokens: 10, stream: true }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const arrivals: number[] = [];
    let text = "";
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      arrivals.push(Date.now() - started);
      text += decoder.decode(chunk, { stream: true });
    }
    // 10 tokens at 20/s take 0.5 s: the first must arrive well before the last.
    expect(arrivals.length).toBeGreaterThan(5);
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThan(300);
    expect(text.trim().endsWith("data: [DONE]")).toBe(true);
    const deltas = text.split("\n\n").filter((e) => e.startsWith("data: {")).map((e) => JSON.parse(e.slice(6)));
    expect(deltas.filter((d) => d.choices[0].delta.content).length).toBe(10);
  });

  it("answers 503 saying so for a paused endpoint, and serves again after resume", async () => {
    const endpoint = await createTestEndpoint(owner, { name: "pausable", min: 1, max: 1 });
    await waitFor(() => test.engine.provider.ready(endpoint.id).length === 1, 20_000, "a ready replica");
    await pauseEndpoint({ caller: owner, name: "pausable" });
    await waitFor(async () => (await endpointRow(endpoint.id)).state === "paused", 10_000, "paused");
    expect(test.engine.provider.all().filter((r) => r.endpointId === endpoint.id)).toHaveLength(0);
    const paused = await completion(test.url, `/e/${owner.organizationSlug}/pausable`, { scaleUpTimeout: 5 });
    expect(paused.status).toBe(503);
    expect((await paused.json()).error).toMatch(/is paused/);

    await resumeEndpoint({ caller: owner, name: "pausable" });
    const resumed = await completion(test.url, `/e/${owner.organizationSlug}/pausable`, { scaleUpTimeout: 30 });
    expect(resumed.status).toBe(200);
  });

  it("requires an API token of the endpoint's organization for a protected endpoint", async () => {
    const endpoint = await createTestEndpoint(owner, { name: "private", min: 1, max: 1 });
    const db = await getDb();
    await db.update(endpoints).set({ protected: true }).where(eq(endpoints.id, endpoint.id));
    await waitFor(() => test.engine.provider.ready(endpoint.id).length === 1, 20_000, "a ready replica");
    const url = `${test.url}/e/${owner.organizationSlug}/private/v1/completions`;
    const call = (token?: string) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ prompt: "We", max_tokens: 2 }),
      });
    await new Promise((r) => setTimeout(r, 200)); // past the directory's cache of the unprotected endpoint

    expect((await call()).status).toBe(401);
    const other = await createOrganization("Other Org");
    const foreign = await createApiToken({ caller: other, name: "theirs" });
    expect((await call(foreign.token)).status).toBe(401);
    const mine = await createApiToken({ caller: owner, name: "mine" });
    expect((await call(mine.token)).status).toBe(200);
    await revokeApiToken({ caller: owner, id: mine.id });
    expect((await call(mine.token)).status).toBe(401);

    // A member's token stops with their membership, even when their account lives on in another organization.
    const member = await createMember(owner, "member");
    const theirs = await createApiToken({ caller: member, name: "member" });
    expect((await call(theirs.token)).status).toBe(200);
    await db.insert(memberships).values({ organizationId: other.organizationId, userId: member.userId, role: "viewer" });
    const [membership] = await db.select().from(memberships).where(and(eq(memberships.userId, member.userId), eq(memberships.organizationId, owner.organizationId)));
    await removeMember({ caller: owner, membershipId: membership!.id });
    expect((await call(theirs.token)).status).toBe(401);
  });

  it("sends each request to the ready replica with the fewest in flight, as the replicas themselves count", async () => {
    const endpoint = await createTestEndpoint(owner, { name: "balanced", min: 2, max: 2, tokensPerSecond: 4 });
    await waitFor(() => test.engine.provider.ready(endpoint.id).length === 2, 15_000, "two ready replicas");
    const path = `/e/${owner.organizationSlug}/balanced`;
    // Six requests of about 3 s each, sent one after another while the first are still running.
    const answers: Array<Promise<Response>> = [];
    for (let i = 0; i < 6; i++) {
      answers.push(completion(test.url, path, { maxTokens: 12 }));
      await new Promise((r) => setTimeout(r, 50));
    }
    const urls = test.engine.provider.ready(endpoint.id).map((r) => r.url);
    const inFlight = async () => Promise.all(urls.map(async (url) => ((await (await fetch(`${url}/health`)).json()) as { inFlight: number }).inFlight));
    await waitFor(async () => (await inFlight()).reduce((a, b) => a + b, 0) === 6, 5_000, "six requests at the replicas");
    expect(await inFlight()).toEqual([3, 3]);
    expect((await Promise.all(answers)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it("answers 503 at once when an endpoint's queue of held requests is full, and holds another endpoint's all the same", async () => {
    await createTestEndpoint(owner, { name: "queued", min: 0, max: 1, scaleToZeroSeconds: 60, loadSeconds: 3 });
    await createTestEndpoint(owner, { name: "neighbour", min: 0, max: 1, scaleToZeroSeconds: 60, loadSeconds: 3 });
    const path = `/e/${owner.organizationSlug}/queued`;
    const held = [completion(test.url, path, { scaleUpTimeout: 30 }), completion(test.url, path, { scaleUpTimeout: 30 })];
    await new Promise((r) => setTimeout(r, 300));
    const rejected = await completion(test.url, path, { scaleUpTimeout: 30 });
    expect(rejected.status).toBe(503);
    expect((await rejected.json()).error).toMatch(/Too many requests are waiting for .*\/queued to start/);
    // The full queue is queued's own: a request to another starting endpoint waits and is answered.
    const neighbour = await completion(test.url, `/e/${owner.organizationSlug}/neighbour`, { scaleUpTimeout: 30 });
    expect(neighbour.status).toBe(200);
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
  });

  it("counts requests per endpoint into the database and Prometheus metrics", async () => {
    const endpoint = await createTestEndpoint(owner, { name: "counted", min: 1, max: 1 });
    await waitFor(() => test.engine.provider.ready(endpoint.id).length === 1, 20_000, "a ready replica");
    for (let i = 0; i < 5; i++) expect((await completion(test.url, `/e/${owner.organizationSlug}/counted`)).status).toBe(200);
    const bad = await fetch(`${test.url}/e/${owner.organizationSlug}/counted/v1/completions`, { method: "POST", body: "{" });
    expect(bad.status).toBe(400);

    const db = await getDb();
    const totals = await waitFor(async () => {
      const [row] = await db
        .select({ requests: sum(requestStats.requests), ok: sum(requestStats.status2xx), client: sum(requestStats.status4xx) })
        .from(requestStats)
        .where(eq(requestStats.endpointId, endpoint.id));
      return Number(row?.requests) === 6 ? row : null;
    }, 5000, "request stats flushed");
    expect(Number(totals.ok)).toBe(5);
    expect(Number(totals.client)).toBe(1);
    const metrics = await test.engine.prometheus();
    expect(metrics).toContain(`ebb_gateway_requests_total{endpoint="${owner.organizationSlug}/counted",code="200"} 5`);
    expect(metrics).toContain(`ebb_gateway_request_duration_seconds_count{endpoint="${owner.organizationSlug}/counted"} 6`);
    expect(metrics).toContain(`ebb_replicas{endpoint_id="${endpoint.id}",status="ready"} 1`);
    expect(Number(/ebb_controller_reconcile_seconds_count (\d+)/.exec(metrics)?.[1])).toBeGreaterThan(0);
  });
});
