import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { coldStarts, endpointEvents, endpoints, replicaSamples } from "@/lib/db/schema";
import { ValidationError } from "@/lib/errors";
import { HfClient } from "@/lib/providers/huggingface/client";
import type { Caller } from "@/lib/services/caller";
import {
  createEndpoint,
  deleteEndpoint,
  pauseEndpoint,
  resumeEndpoint,
  scaleEndpointToZero,
  updateEndpointPolicy,
} from "@/lib/services/endpoints";
import { adoptHuggingFaceEndpoints } from "@/lib/services/huggingface";
import { saveHuggingFaceConnection } from "@/lib/services/provider-connections";
import { createOrganization } from "../support/accounts";
import { getDb, withTestDatabase } from "../support/database";
import { endpointRow, startTestEngine, waitFor, type TestEngine } from "../support/engine";
import { startContractServer } from "../support/hf-contract-server";

const TOKEN = "hf_providerTestToken42";
const USER = "alice";
const COMPUTE = "aws-us-east-1-intel-icl-x2";
let server: Awaited<ReturnType<typeof startContractServer>>;

// Before the database: the environment is read once, and must point at the contract server.
beforeAll(async () => {
  server = await startContractServer({ token: TOKEN, user: USER, transitionMs: 150 });
  process.env.EBB_SECRET_KEY = "a-test-secret-key-of-enough-length";
  process.env.EBB_HF_API_URL = server.api;
  process.env.EBB_HF_HUB_URL = server.hub;
  process.env.EBB_HF_ENDPOINT_DOMAINS = "http://127.0.0.1";
});

withTestDatabase();

let test: TestEngine;
beforeAll(async () => {
  test = await startTestEngine({ controller: { tickMs: 100, huggingface: { pollFastMs: 100, pollSlowMs: 300, retryBaseMs: 50, retryMaxMs: 500 } } });
});

afterEach(() => server.setFaults(undefined));

afterAll(async () => {
  await test?.close();
  await server?.close();
});

async function connectedOrganization(name: string): Promise<Caller> {
  const owner = await createOrganization(name);
  await saveHuggingFaceConnection({ caller: owner, input: { token: TOKEN, namespace: USER } });
  return owner;
}

const remote = (name: string) => server.endpoints.get(name);
const scalingAt = (name: string) => (remote(name)?.body.compute as { scaling: Record<string, unknown> } | undefined)?.scaling;

async function eventKinds(endpointId: string) {
  const db = await getDb();
  return (await db.select().from(endpointEvents).where(eq(endpointEvents.endpointId, endpointId))).map((e) => e.kind);
}

async function untilState(endpointId: string, state: string) {
  return waitFor(async () => (await endpointRow(endpointId)).state === state, 20_000, `state ${state}`);
}

describe("the Hugging Face provider against the contract server", () => {
  it("drives create → running → policy → pause → resume → scale to zero → delete, with the log and replica samples following", async () => {
    const owner = await connectedOrganization("HF Lifecycle Org");
    const created = await createEndpoint({
      caller: owner,
      input: { name: "hf-chat", model: "acme/chat", provider: "huggingface", instanceType: COMPUTE, minReplicas: 0, maxReplicas: 2, scaleToZeroMinutes: 15 },
    });
    expect(created.providerSpec).toMatchObject({ vendor: "aws", region: "us-east-1", instanceType: "intel-icl", instanceSize: "x2" });
    await untilState(created.id, "running");
    expect(scalingAt("hf-chat")).toEqual({ minReplica: 0, maxReplica: 2, scaleToZeroTimeout: 15 });
    expect((await endpointRow(created.id)).readyReplicas).toBe(1);

    // The gateway URL forwards to the provider's URL with the provider token, passing X-Scale-Up-Timeout on.
    const path = `/e/${owner.organizationSlug}/hf-chat/v1/chat/completions`;
    const answer = await fetch(`${test.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-scale-up-timeout": "30", authorization: "Bearer caller-token", cookie: "authjs.session-token=console-session" },
      body: JSON.stringify({ messages: [{ role: "user", content: "hi" }] }),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ endpoint: "hf-chat", path: "/v1/chat/completions" });
    const forwarded = server.dataRequests.at(-1)!;
    expect(forwarded.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(forwarded.headers["x-scale-up-timeout"]).toBe("30");
    expect(forwarded.headers.cookie).toBeUndefined();

    await updateEndpointPolicy({ caller: owner, name: "hf-chat", input: { minReplicas: 1, maxReplicas: 3 } });
    await waitFor(() => scalingAt("hf-chat")?.maxReplica === 3, 10_000, "the new scaling at Hugging Face");
    expect(scalingAt("hf-chat")).toEqual({ minReplica: 1, maxReplica: 3, scaleToZeroTimeout: null });
    await untilState(created.id, "running");

    await pauseEndpoint({ caller: owner, name: "hf-chat" });
    await untilState(created.id, "paused");
    expect(remote("hf-chat")!.state).toBe("paused");
    const refused = await fetch(`${test.url}${path}`, { method: "POST", body: "{}" });
    expect(refused.status).toBe(503);
    expect((await refused.json()).error).toMatch(/paused/);

    await resumeEndpoint({ caller: owner, name: "hf-chat" });
    await untilState(created.id, "running");

    await updateEndpointPolicy({ caller: owner, name: "hf-chat", input: { minReplicas: 0, maxReplicas: 3, scaleToZeroMinutes: 5 } });
    await waitFor(() => scalingAt("hf-chat")?.minReplica === 0, 10_000, "min 0 at Hugging Face");
    await untilState(created.id, "running");
    await scaleEndpointToZero({ caller: owner, name: "hf-chat" });
    await untilState(created.id, "scaledToZero");
    expect(remote("hf-chat")!.state).toBe("scaledToZero");

    // A request held through the provider's cold start wakes it; the cold start is recorded.
    const woken = await fetch(`${test.url}${path}`, { method: "POST", headers: { "x-scale-up-timeout": "30" }, body: "{}" });
    expect(woken.status).toBe(200);
    await untilState(created.id, "running");
    const db = await getDb();
    await waitFor(async () => (await db.select().from(coldStarts).where(eq(coldStarts.endpointId, created.id))).length > 0, 10_000, "a cold start");

    await deleteEndpoint({ caller: owner, name: "hf-chat" });
    await untilState(created.id, "deleted");
    expect(remote("hf-chat")).toBeUndefined();

    await test.engine.controller.rollUpNow();
    const samples = await db.select().from(replicaSamples).where(eq(replicaSamples.endpointId, created.id));
    expect(samples.some((s) => s.ready >= 1)).toBe(true);
    expect(samples.some((s) => s.target === 0)).toBe(true);
    expect(await eventKinds(created.id)).toEqual(
      expect.arrayContaining(["created", "provider-created", "policy-updated", "provider-updated", "paused", "provider-paused", "resumed", "provider-resumed", "scale-to-zero", "provider-scaled-to-zero", "deleted", "provider-deleted", "state"]),
    );
  });

  it("converges with 20 % of the provider's answers faulted, and never makes a second endpoint", async () => {
    const owner = await connectedOrganization("HF Faults Org");
    server.setFaults({ rate: 0.2, kinds: ["429", "500", "drop", "slow"], seed: 7, slowMs: 300 });
    const before = server.stats.creates;
    const [requestsBefore, faultsBefore] = [server.stats.requests, server.stats.faults];
    const lifecycle = async (name: string) => {
      const row = await createEndpoint({
        caller: owner,
        input: { name, model: "acme/chat", provider: "huggingface", instanceType: COMPUTE, minReplicas: 0, maxReplicas: 2 },
      });
      await untilState(row.id, "running");
      await updateEndpointPolicy({ caller: owner, name, input: { minReplicas: 1, maxReplicas: 4 } });
      await waitFor(() => scalingAt(name)?.maxReplica === 4, 20_000, "the new scaling");
      await pauseEndpoint({ caller: owner, name });
      await untilState(row.id, "paused");
      await resumeEndpoint({ caller: owner, name });
      await untilState(row.id, "running");
      await updateEndpointPolicy({ caller: owner, name, input: { minReplicas: 0, maxReplicas: 4 } });
      await waitFor(() => scalingAt(name)?.minReplica === 0, 20_000, "min 0");
      await untilState(row.id, "running");
      await scaleEndpointToZero({ caller: owner, name });
      await untilState(row.id, "scaledToZero");
      await deleteEndpoint({ caller: owner, name });
      await untilState(row.id, "deleted");
      expect(remote(name)).toBeUndefined();
    };
    const names = ["hf-flaky-1", "hf-flaky-2", "hf-flaky-3", "hf-flaky-4"];
    await Promise.all(names.map(lifecycle));
    const faults = server.stats.faults - faultsBefore;
    console.log(`huggingface faults: ${server.stats.requests - requestsBefore} provider requests, ${faults} faulted, ${server.stats.creates - before} creates for ${names.length} endpoints`);
    expect(faults).toBeGreaterThan(0);
    expect(server.stats.creates - before).toBe(names.length);
  });

  it("shows the provider's message in the log and on the endpoint when it refuses", async () => {
    const owner = await connectedOrganization("HF Refusal Org");
    // The name is taken at Hugging Face by an endpoint of another configuration.
    const client = new HfClient({ apiUrl: server.api, hubUrl: server.hub, token: TOKEN, namespace: USER });
    await client.create({ name: "hf-taken", repository: "someone/else", accelerator: "cpu", instanceType: "intel-icl", instanceSize: "x2", vendor: "aws", region: "us-east-1", scaling: { minReplica: 1, maxReplica: 1, scaleToZeroTimeout: null } });
    const row = await createEndpoint({
      caller: owner,
      input: { name: "hf-taken", model: "acme/chat", provider: "huggingface", instanceType: COMPUTE, minReplicas: 0, maxReplicas: 2 },
    });
    const failed = await waitFor(async () => {
      const r = await endpointRow(row.id);
      return r.state === "failed" ? r : null;
    }, 10_000, "failed");
    expect(failed.stateMessage).toMatch(/^Hugging Face: An endpoint named hf-taken already exists in alice with another configuration/);
    const db = await getDb();
    const errors = await db.select().from(endpointEvents).where(and(eq(endpointEvents.endpointId, row.id), eq(endpointEvents.kind, "provider-error")));
    expect(errors.map((e) => e.message)).toContain(failed.stateMessage);
    expect(remote("hf-taken")!.body.model).toMatchObject({ repository: "someone/else" });
    // Deleting it in Ebb leaves the other endpoint of that name alone: Ebb never created it.
    await deleteEndpoint({ caller: owner, name: "hf-taken" });
    await untilState(row.id, "deleted");
    expect(remote("hf-taken")!.body.model).toMatchObject({ repository: "someone/else" });
    await client.delete("hf-taken");
  });

  it("refuses Hugging Face without a connection, or with an instance type not in its catalog, and creates nothing", async () => {
    const unconnected = await createOrganization("HF Unconnected Org");
    const input = { name: "hf-none", model: "acme/chat", provider: "huggingface", instanceType: COMPUTE, minReplicas: 0, maxReplicas: 1 };
    const error = await createEndpoint({ caller: unconnected, input }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.provider?.[0]).toMatch(/Connect a Hugging Face account/);

    const connected = await connectedOrganization("HF Catalog Org");
    const wrongType = await createEndpoint({ caller: connected, input: { ...input, instanceType: "cpu-small" } }).catch((e: unknown) => e);
    expect((wrongType as ValidationError).fieldErrors.instanceType?.[0]).toMatch(/instance types of your Hugging Face catalog/);

    const db = await getDb();
    for (const caller of [unconnected, connected]) {
      expect(await db.select().from(endpoints).where(eq(endpoints.organizationId, caller.organizationId))).toHaveLength(0);
    }
    expect(remote("hf-none")).toBeUndefined();
  });

  it("adopts the endpoints already in the namespace, with their policy and state", async () => {
    const owner = await connectedOrganization("HF Adopt Org");
    const client = new HfClient({ apiUrl: server.api, hubUrl: server.hub, token: TOKEN, namespace: USER });
    await client.create({ name: "hf-existing", repository: "acme/existing", accelerator: "gpu", instanceType: "nvidia-l4", instanceSize: "x1", vendor: "aws", region: "us-east-1", scaling: { minReplica: 1, maxReplica: 3, scaleToZeroTimeout: null } });
    const result = await adoptHuggingFaceEndpoints({ caller: owner });
    expect(result.adopted).toContain("hf-existing");
    const db = await getDb();
    const [row] = await db.select().from(endpoints).where(and(eq(endpoints.organizationId, owner.organizationId), eq(endpoints.name, "hf-existing")));
    expect(row).toMatchObject({ provider: "huggingface", model: "acme/existing", minReplicas: 1, maxReplicas: 3, instanceType: "aws-us-east-1-nvidia-l4-x1" });
    await untilState(row!.id, "running");
    // Adopted as it is: nothing pushed back, and a second import brings nothing new.
    expect(await eventKinds(row!.id)).not.toContain("provider-updated");
    expect((await adoptHuggingFaceEndpoints({ caller: owner })).adopted).not.toContain("hf-existing");
    await deleteEndpoint({ caller: owner, name: "hf-existing" });
    await untilState(row!.id, "deleted");
    expect(remote("hf-existing")).toBeUndefined();
  });
});
