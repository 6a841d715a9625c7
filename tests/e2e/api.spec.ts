import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { tokensForRoles } from "./support/tokens";

function client(request: APIRequestContext, token?: string) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return {
    get: (path: string) => request.get(`/api/v1${path}`, { headers }),
    post: (path: string, data?: unknown) => request.post(`/api/v1${path}`, { headers, data }),
    patch: (path: string, data: unknown) => request.patch(`/api/v1${path}`, { headers, data }),
    delete: (path: string) => request.delete(`/api/v1${path}`, { headers }),
  };
}

test("the REST API drives the whole lifecycle, with tokens, roles and organizations enforced", async ({ page, browser, request }) => {
  const { ownerToken, viewerToken, foreignToken } = await tokensForRoles(page, browser);
  const api = client(request, ownerToken);

  expect((await client(request).get("/endpoints")).status()).toBe(401);
  const unauthorized = await client(request, "ebb_not-a-token").get("/endpoints");
  expect(unauthorized.status()).toBe(401);
  expect((await unauthorized.json()).error.code).toBe("unauthorized");

  const created = await api.post("/endpoints", { name: "api", model: "acme/chat", instanceType: "cpu-small", autoscaling: false, minReplicas: 1, maxReplicas: 1 });
  expect(created.status()).toBe(201);
  const endpoint = await created.json();
  expect(endpoint).toMatchObject({ name: "api", policy: { autoscaling: false, minReplicas: 1, maxReplicas: 1 }, desiredState: "running" });
  expect(endpoint.url).toMatch(/\/e\/[a-z0-9-]+\/api$/);

  // Bad input: 422 naming the field, and nothing created or changed.
  for (const [body, field] of [
    [{ name: "bad", model: "acme/chat", instanceType: "cpu-small", minReplicas: 3, maxReplicas: 2 }, "minReplicas"],
    [{ name: "bad", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 99 }, "maxReplicas"],
    [{ name: "bad", model: "acme/chat", instanceType: "nope", minReplicas: 0, maxReplicas: 1 }, "instanceType"],
    [{ name: "api", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1 }, "name"],
  ] as const) {
    const response = await api.post("/endpoints", body);
    expect(response.status()).toBe(422);
    expect((await response.json()).error.field).toBe(field);
  }
  const malformed = await request.post("/api/v1/endpoints", { headers: { authorization: `Bearer ${ownerToken}`, "content-type": "application/json" }, data: "{" });
  expect(malformed.status()).toBe(422);
  expect((await (await api.get("/endpoints")).json()).items.map((e: { name: string }) => e.name)).toEqual(["api"]);
  const badPolicy = await api.patch("/endpoints/api", { minReplicas: 1.5, maxReplicas: 2 });
  expect(badPolicy.status()).toBe(422);
  expect((await badPolicy.json()).error.field).toBe("minReplicas");

  // Running, then the endpoint URL answers.
  await expect.poll(async () => (await (await api.get("/endpoints/api")).json()).state, { timeout: 30_000 }).toBe("running");
  const infer = () => request.post(`${endpoint.url}/v1/completions`, { data: { prompt: "We hold", max_tokens: 4 }, headers: { "x-scale-up-timeout": "30" } });
  expect((await infer()).status()).toBe(200);

  const scaled = await api.patch("/endpoints/api", { autoscaling: true, minReplicas: 0, maxReplicas: 2 });
  expect((await scaled.json()).policy).toMatchObject({ autoscaling: true, minReplicas: 0, maxReplicas: 2 });

  // Roles and organizations.
  expect((await client(request, viewerToken).get("/endpoints/api")).status()).toBe(200);
  const viewerPause = await client(request, viewerToken).post("/endpoints/api/pause");
  expect(viewerPause.status()).toBe(403);
  expect((await viewerPause.json()).error.code).toBe("forbidden");
  for (const response of [
    await client(request, foreignToken).get("/endpoints/api"),
    await client(request, foreignToken).post("/endpoints/api/pause"),
    await client(request, foreignToken).delete("/endpoints/api"),
  ]) {
    expect(response.status()).toBe(404);
  }
  expect((await (await api.get("/endpoints/api")).json()).desiredState).toBe("running");

  const paused = await api.post("/endpoints/api/pause");
  expect((await paused.json()).desiredState).toBe("paused");
  expect((await api.post("/endpoints/api/pause")).status()).toBe(409);
  const refused = await infer();
  expect(refused.status()).toBe(503);
  expect((await refused.json()).error).toMatch(/paused/);
  expect((await (await api.post("/endpoints/api/resume")).json()).desiredState).toBe("running");
  expect((await infer()).status()).toBe(200);
  expect((await api.post("/endpoints/api/scale-to-zero")).status()).toBe(200);
  await expect.poll(async () => (await (await api.get("/endpoints/api")).json()).state, { timeout: 30_000 }).toBe("scaledToZero");

  expect((await api.delete("/endpoints/api")).status()).toBe(204);
  expect((await api.get("/endpoints/api")).status()).toBe(404);
  await expect.poll(async () => (await infer()).status()).toBe(404);

  const events = await (await api.get("/endpoints")).json();
  expect(events.items).toEqual([]);
});

test("the lifecycle log over the API names every action and its actor", async ({ page, browser, request }) => {
  const { owner, ownerToken } = await tokensForRoles(page, browser);
  const api = client(request, ownerToken);
  await api.post("/endpoints", { name: "logged", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1 });
  await api.post("/endpoints/logged/pause");
  await api.post("/endpoints/logged/resume");
  await api.patch("/endpoints/logged", { minReplicas: 0, maxReplicas: 3 });
  const { items } = await (await api.get("/endpoints/logged/events")).json();
  const byUser = items.filter((e: { actorType: string }) => e.actorType === "user");
  expect(byUser.map((e: { kind: string }) => e.kind)).toEqual(["policy-updated", "resumed", "paused", "created"]);
  // Changes made with a token say which one.
  expect(byUser.every((e: { actor: string }) => e.actor === `${owner.email} (API token "owner")`)).toBe(true);
});

test("the OpenAPI document describes the API from the same schemas", async ({ request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/endpoints", "/endpoints/{name}", "/endpoints/{name}/pause", "/endpoints/{name}/scale-to-zero"]));
  expect(doc.components.schemas.Policy.properties.maxReplicas).toMatchObject({ type: "integer" });
  // A runtime is chosen by name from the install's catalog; no command field exists.
  const runtime = doc.components.schemas.CreateEndpoint.properties.runtime;
  expect(runtime).toMatchObject({ type: "object", additionalProperties: false });
  expect(runtime.properties.name.enum).toEqual(["builtin", "probe", "chatty", "wrapper", "crashes-loading"]);
  expect(Object.keys(runtime.properties)).not.toContain("command");
  expect(Object.keys(doc.paths)).toContain("/runtimes");
});
