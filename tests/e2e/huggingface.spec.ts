import type { APIRequestContext, Page } from "@playwright/test";
import { createApiToken, expect, test } from "./support/fixtures";
import { E2E_HF } from "./support/hf";
import { call, createBody, type ContractTarget } from "../support/hf-contract";

/** What the contract server (standing in for Hugging Face) holds for an endpoint; null once gone. */
async function atHuggingFace(request: APIRequestContext, name: string) {
  const response = await request.get(`${E2E_HF.url}/v2/endpoint/${E2E_HF.user}/${name}`, { headers: { authorization: `Bearer ${E2E_HF.token}` } });
  if (response.status() === 404) return null;
  return (await response.json()) as { status: { state: string }; compute: { scaling: { minReplica: number; maxReplica: number; scaleToZeroTimeout: number | null } } };
}

async function connect(page: Page) {
  await page.goto("/settings/providers");
  await page.getByLabel("Access token").fill(E2E_HF.token);
  await page.getByRole("region", { name: "Hugging Face Inference Endpoints" }).getByLabel("Namespace").fill(E2E_HF.user);
  await page.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByTestId("hf-connection")).toBeVisible();
}

// Names are unique per run: every organization of the suite shares the contract server's namespace.
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

test("Hugging Face without a connection is a field error that creates nothing", async ({ page, auth }) => {
  await auth.signUp();
  await page.goto("/endpoints/new");
  await page.getByLabel("Name", { exact: true }).fill("nowhere");
  await page.getByRole("textbox", { name: "Model" }).fill("acme/chat");
  await page.getByLabel("Provider").selectOption("huggingface");
  await expect(page.getByText("Connect a Hugging Face account under Settings → Providers to choose its hardware.")).toBeVisible();
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.getByLabel("Provider")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Connect a Hugging Face account under Settings → Providers first.")).toBeVisible();
  await expect(page).toHaveURL(/\/endpoints\/new$/);
  await page.goto("/endpoints");
  await expect(page.getByTestId("endpoint-row-nowhere")).toHaveCount(0);
});

test("a Hugging Face endpoint through the console: create, policy, pause, resume, scale to zero, delete", async ({ page, auth, request }) => {
  test.setTimeout(120_000);
  await auth.signUp();
  const bodies: string[] = [];
  page.on("response", async (response) => {
    if (/html|json|text|x-component/.test(response.headers()["content-type"] ?? "")) bodies.push(await response.text().catch(() => ""));
  });
  await connect(page);
  const name = unique("hf-ui");

  await page.goto("/endpoints/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("textbox", { name: "Model" }).fill("acme/chat");
  await page.getByLabel("Provider").selectOption("huggingface");
  // The provider's catalog with its prices, and the estimate at its price.
  await page.getByLabel("Instance type").selectOption("aws-us-east-1-nvidia-l4-x1");
  await expect(page.getByLabel("Instance type")).toContainText("Nvidia L4 ×1 · aws us-east-1 · $0.80/h");
  await page.getByRole("button", { name: "Cost-optimized 0–2" }).click();
  await expect(page.getByTestId("estimate")).toContainText("At max$1.60/h");
  await page.getByRole("button", { name: "Create endpoint" }).click();

  await expect(page).toHaveURL(new RegExp(`/endpoints/${name}$`));
  await expect(page.getByTestId("state-badge")).toHaveText("Running", { timeout: 30_000 });
  await expect(page.getByTestId("provider-endpoint")).toContainText(`${name} · aws us-east-1 · nvidia-l4 x1 · forwards to ${E2E_HF.url}/data/${name}`);
  expect((await atHuggingFace(request, name))!.compute.scaling).toMatchObject({ minReplica: 0, maxReplica: 2, scaleToZeroTimeout: 15 });
  const log = page.getByTestId("lifecycle-log");
  await expect(log).toContainText(`Hugging Face accepted the endpoint in ${E2E_HF.user}`);
  const screenshot = test.info().outputPath("hf-endpoint.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  await test.info().attach("Hugging Face endpoint page", { path: screenshot, contentType: "image/png" });

  // The endpoint URL forwards to the provider's URL, with the provider's token added there.
  const url = (await page.getByTestId("endpoint-url").textContent())!;
  const answer = await request.post(`${url}/v1/chat/completions`, { data: { messages: [] }, headers: { "x-scale-up-timeout": "30" } });
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({ endpoint: name, path: "/v1/chat/completions" });

  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Min Accels").fill("1");
  await page.getByLabel("Max Accels").fill("3");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(log).toContainText("Hugging Face accepted the scaling: 1–3 replicas");
  await expect.poll(async () => (await atHuggingFace(request, name))!.compute.scaling).toMatchObject({ minReplica: 1, maxReplica: 3, scaleToZeroTimeout: null });

  await page.getByRole("button", { name: "Pause" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Pause" }).click();
  await expect(page.getByTestId("state-badge")).toHaveText("Paused");
  await expect(log).toContainText("Hugging Face paused the endpoint");
  await expect.poll(async () => (await atHuggingFace(request, name))!.status.state).toBe("paused");

  await page.getByRole("button", { name: "Resume" }).click();
  await expect(log).toContainText("Hugging Face resumed the endpoint");
  await expect(page.getByTestId("state-badge")).toHaveText("Running", { timeout: 30_000 });

  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Min Accels").fill("0");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(log).toContainText("Hugging Face accepted the scaling: 0–3 replicas, to zero after 15 min idle");
  await expect(page.getByRole("button", { name: "Scale to zero" })).toBeEnabled({ timeout: 30_000 });
  await page.getByRole("button", { name: "Scale to zero" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Scale to zero" }).click();
  await expect(page.getByTestId("state-badge")).toHaveText("Scaled to zero", { timeout: 30_000 });
  await expect(log).toContainText("Hugging Face scaled the endpoint to zero");
  expect((await atHuggingFace(request, name))!.status.state).toBe("scaledToZero");

  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByLabel(`Type ${name} to confirm`).fill(name);
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/endpoints$/);
  await expect.poll(async () => atHuggingFace(request, name), { timeout: 30_000 }).toBeNull();

  // The provider token reached none of the pages, JSON or RSC payloads.
  expect(bodies.length).toBeGreaterThan(10);
  for (const body of bodies) expect(body).not.toContain(E2E_HF.token);
});

test("a Hugging Face endpoint through the REST API and the compatible API, with the provider's steps in its events", async ({ page, auth, request, baseURL }) => {
  test.setTimeout(120_000);
  await auth.signUp();
  await connect(page);
  const token = await createApiToken(page, "hf");
  const headers = { authorization: `Bearer ${token}` };
  const name = unique("hf-api");
  const get = async () => (await (await request.get(`/api/v1/endpoints/${name}`, { headers })).json()) as { state: string; providerEndpoint: { name: string } };

  const unknownType = await request.post("/api/v1/endpoints", { headers, data: { name, model: "acme/chat", provider: "huggingface", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1 } });
  expect(unknownType.status()).toBe(422);
  expect((await unknownType.json()).error.field).toBe("instanceType");

  const created = await request.post("/api/v1/endpoints", {
    headers,
    data: { name, model: "acme/chat", provider: "huggingface", instanceType: "aws-us-east-1-intel-icl-x2", minReplicas: 0, maxReplicas: 2 },
  });
  expect(created.status()).toBe(201);
  await expect.poll(async () => (await get()).state, { timeout: 30_000 }).toBe("running");
  expect((await get()).providerEndpoint.name).toBe(name);

  expect((await request.patch(`/api/v1/endpoints/${name}`, { headers, data: { minReplicas: 1, maxReplicas: 2 } })).status()).toBe(200);
  await expect.poll(async () => (await atHuggingFace(request, name))?.compute.scaling.minReplica).toBe(1);
  expect((await request.post(`/api/v1/endpoints/${name}/pause`, { headers })).status()).toBe(200);
  await expect.poll(async () => (await get()).state, { timeout: 30_000 }).toBe("paused");
  expect((await request.post(`/api/v1/endpoints/${name}/resume`, { headers })).status()).toBe(200);
  await expect.poll(async () => (await get()).state, { timeout: 30_000 }).toBe("running");
  expect((await request.patch(`/api/v1/endpoints/${name}`, { headers, data: { minReplicas: 0, maxReplicas: 2 } })).status()).toBe(200);
  await expect.poll(async () => (await atHuggingFace(request, name))?.compute.scaling.minReplica).toBe(0);
  expect((await request.post(`/api/v1/endpoints/${name}/scale-to-zero`, { headers })).status()).toBe(200);
  await expect.poll(async () => (await get()).state, { timeout: 30_000 }).toBe("scaledToZero");
  const events = (await (await request.get(`/api/v1/endpoints/${name}/events`, { headers })).json()) as { items: Array<{ kind: string }> };
  expect(events.items.map((e) => e.kind)).toEqual(expect.arrayContaining(["provider-created", "provider-updated", "provider-paused", "provider-resumed", "provider-scaled-to-zero"]));

  expect((await request.delete(`/api/v1/endpoints/${name}`, { headers })).status()).toBeLessThan(300);
  await expect.poll(async () => atHuggingFace(request, name), { timeout: 30_000 }).toBeNull();

  // A huggingface_hub script against Ebb's compatible API: a cloud vendor in the body means Hugging Face.
  const target: ContractTarget = { hub: `${baseURL}/hf`, api: `${baseURL}/hf/v2`, token };
  const namespace = (await call(target, "GET", `${target.hub}/api/whoami-v2`)).json.name as string;
  // The hardware listing offers the local instance types and the connected Hugging Face catalog.
  const hardware = (await call(target, "GET", `${target.api}/provider/${namespace}`)).json as { vendors: Array<{ name: string; regions: Array<{ name: string; computes: Array<Record<string, unknown>> }> }> };
  expect(hardware.vendors.map((v) => v.name)).toEqual(["ebb", "aws"]);
  expect(hardware.vendors[1]!.regions[0]!.computes).toContainEqual(expect.objectContaining({ id: "aws-us-east-1-nvidia-l4-x1", pricePerHour: 0.8, quota: expect.any(Object) }));
  const viaHf = unique("hf-hub");
  const body = createBody(viaHf, { accelerator: "cpu", instanceSize: "x2", instanceType: "intel-icl", vendor: "aws", region: "us-east-1" }, { min: 0, max: 2, timeout: 15 });
  const created2 = await call(target, "POST", `${target.api}/endpoint/${namespace}`, body);
  expect(created2.status).toBe(200);
  expect(created2.json).toMatchObject({ name: viaHf, provider: { vendor: "aws", region: "us-east-1" }, compute: { instanceType: "intel-icl", instanceSize: "x2" } });
  await expect.poll(async () => (await atHuggingFace(request, viaHf))?.compute.scaling.maxReplica, { timeout: 30_000 }).toBe(2);
  expect((await call(target, "DELETE", `${target.api}/endpoint/${namespace}/${viaHf}`)).status).toBeLessThan(300);
  await expect.poll(async () => atHuggingFace(request, viaHf), { timeout: 30_000 }).toBeNull();
});
