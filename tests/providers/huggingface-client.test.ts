import { afterEach, describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/runtime/ngram";
import { HfApiError, HfClient, type HfCreateSpec } from "@/lib/providers/huggingface/client";
import { endpointShapeProblems } from "../support/hf-contract";
import { startContractServer } from "../support/hf-contract-server";

const TOKEN = "hf_test_token";
let server: Awaited<ReturnType<typeof startContractServer>> | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

function spec(name: string, min = 0, max = 2): HfCreateSpec {
  return { name, repository: "acme/chat", accelerator: "cpu", instanceType: "intel-icl", instanceSize: "x2", vendor: "aws", region: "us-east-1", scaling: { minReplica: min, maxReplica: max, scaleToZeroTimeout: 15 } };
}

async function until(client: HfClient, name: string, state: string) {
  for (let i = 0; i < 200; i++) {
    if ((await client.get(name)).status.state === state) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${name} never reached ${state}`);
}

describe("the Hugging Face client against the contract server", () => {
  it("drives the lifecycle, reading what the contract promises", async () => {
    server = await startContractServer({ token: TOKEN, user: "alice", transitionMs: 50 });
    const client = new HfClient({ apiUrl: server.api, hubUrl: server.hub, token: TOKEN, namespace: "alice" });
    expect(await client.whoami()).toMatchObject({ type: "user", name: "alice" });
    expect((await client.hardware()).vendors[0]!.regions[0]!.computes.length).toBeGreaterThan(0);

    const created = await client.create(spec("ep"));
    expect(endpointShapeProblems(created as unknown as Record<string, unknown>)).toEqual([]);
    expect(created.status.state).toBe("pending");
    await until(client, "ep", "running");
    expect((await client.get("ep")).status.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/data\/ep$/);

    const updated = await client.update("ep", { compute: { scaling: { minReplica: 1, maxReplica: 4 } } });
    expect(updated.compute.scaling).toMatchObject({ minReplica: 1, maxReplica: 4, scaleToZeroTimeout: 15 });
    expect((await client.pause("ep")).status.state).toBe("paused");
    expect((await client.resume("ep")).status.state).toBe("initializing");
    await until(client, "ep", "running");
    expect((await client.resume("ep")).status.state).toBe("running"); // "already running" is success
    expect((await client.scaleToZero("ep")).status.state).toBe("scaledToZero");
    await client.delete("ep");
    await expect(client.get("ep")).rejects.toMatchObject({ status: 404, providerMessage: "Endpoint 'ep' not found" });
  });

  it("shows the provider's own message for a wrong token", async () => {
    server = await startContractServer({ token: TOKEN, user: "alice" });
    const client = new HfClient({ apiUrl: server.api, hubUrl: server.hub, token: "hf_wrong", namespace: "alice" });
    const error = await client.whoami().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HfApiError);
    expect((error as HfApiError).providerMessage).toBe("Invalid user token.");
  });

  it("accepts an existing endpoint of the same configuration and refuses one of another", async () => {
    server = await startContractServer({ token: TOKEN, user: "alice" });
    const client = new HfClient({ apiUrl: server.api, hubUrl: server.hub, token: TOKEN, namespace: "alice" });
    await client.create(spec("twin"));
    expect((await client.create(spec("twin"))).name).toBe("twin");
    await expect(client.create(spec("twin", 1, 3))).rejects.toThrow(/already exists in alice with another configuration/);
    expect(server.stats.creates).toBe(1);
  });

  it("converges with 20 % of answers faulted, and never makes a duplicate", async () => {
    server = await startContractServer({ token: TOKEN, user: "alice", transitionMs: 30, faults: { rate: 0.2, seed: 7, slowMs: 400 } });
    const client = new HfClient({ apiUrl: server.api, hubUrl: server.hub, token: TOKEN, namespace: "alice", timeoutMs: 250, baseDelayMs: 20, maxAttempts: 12, random: seededRandom(3) });
    const names = ["a", "b", "c", "d", "e"];
    for (const name of names) await client.create(spec(name));
    expect(server.endpoints.size).toBe(5);
    expect(server.stats.creates).toBe(5);
    for (const name of names) {
      await client.update(name, { compute: { scaling: { minReplica: 0, maxReplica: 3 } } });
      await client.pause(name);
      expect((await client.get(name)).status.state).toBe("paused");
      await client.resume(name);
      await until(client, name, "running");
      await client.scaleToZero(name);
      expect((await client.get(name)).status.state).toBe("scaledToZero");
      expect((await client.get(name)).compute.scaling.maxReplica).toBe(3);
    }
    expect((await client.list()).map((e) => e.name).sort()).toEqual(names);
    for (const name of names) await client.delete(name);
    expect(server.endpoints.size).toBe(0);
    expect(server.stats.faults).toBeGreaterThan(5);
    console.log(`hf client under faults: ${server.stats.requests} requests, ${server.stats.faults} faulted, ${server.stats.creates} creates for 5 endpoints`);
  });
});
