import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { cli } from "./support/cli";
import { expect, test } from "./support/fixtures";
import { tokensForRoles } from "./support/tokens";

test("what if: the endpoint's own traffic replayed under other policies, compared, and applied", async ({ page, browser, request, baseURL }) => {
  test.setTimeout(120_000);
  const { ownerToken, viewerToken, foreignToken } = await tokensForRoles(page, browser);
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const api = (token: string) => ({
    get: (p: string) => request.get(`/api/v1${p}`, { headers: as(token) }),
    post: (p: string, data: unknown) => request.post(`/api/v1${p}`, { headers: as(token), data }),
    patch: (p: string, data: unknown) => request.patch(`/api/v1${p}`, { headers: as(token), data }),
  });
  const owner = api(ownerToken);
  const created = await owner.post("/endpoints", { name: "replayed", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 2, scaleToZeroMinutes: 15 });
  expect(created.status()).toBe(201);
  const { url } = await created.json();
  // Traffic through the endpoint URL, recorded by the gateway.
  for (let i = 0; i < 6; i++) {
    const answer = await request.post(`${url}/v1/completions`, { data: { prompt: "We hold", max_tokens: 4 }, headers: { "x-scale-up-timeout": "30" } });
    expect(answer.status()).toBe(200);
  }
  await expect.poll(async () => (await (await owner.get("/endpoints/replayed/what-if?days=1")).json()).requests, { timeout: 20_000 }).toBe(6);

  // REST: the documented shape.
  const whatIf = await (await owner.get("/endpoints/replayed/what-if?days=1")).json();
  expect(whatIf).toMatchObject({ days: 1, requests: 6, coldStartMeasured: true, current: { current: true, label: "Current policy", policy: { minReplicas: 0, maxReplicas: 2, scaleToZeroMinutes: 15 } } });
  expect(Object.keys(whatIf.recorded)).toEqual(["replicaHours", "cost", "coldStarts", "delayedRequests"]);
  expect(whatIf.points.length).toBeGreaterThanOrEqual(10);
  expect(whatIf.points.map((p: { policy: { scaleToZeroMinutes: number; minReplicas: number } }) => p.policy.scaleToZeroMinutes)).toEqual(expect.arrayContaining([1, 5, 60, 120]));
  expect(whatIf.points.some((p: { frontier: boolean }) => p.frontier)).toBe(true);
  const posted = await owner.post("/endpoints/replayed/what-if", { days: 1, policies: [{ minReplicas: 1, maxReplicas: 2 }] });
  expect(posted.status()).toBe(200);
  const compared = await posted.json();
  expect(compared.points.map((p: { label: string }) => p.label)).toEqual(["Current policy", "Min 1"]);
  // Min 1 starts once, at creation, and never again.
  expect(compared.points[1]).toMatchObject({ policy: { minReplicas: 1, maxReplicas: 2 } });
  expect(compared.points[1].outcome.coldStarts).toBeLessThanOrEqual(1);
  const recommendation = await (await owner.get("/endpoints/replayed/recommendation?days=1")).json();
  expect(recommendation).toMatchObject({ days: 1, current: { minReplicas: 0, maxReplicas: 2 } });
  expect(recommendation).toHaveProperty("recommendation");
  const badDays = await owner.get("/endpoints/replayed/what-if?days=31");
  expect(badDays.status()).toBe(422);
  expect((await badDays.json()).error.field).toBe("days");
  const badPolicy = await owner.post("/endpoints/replayed/what-if", { policies: [{ minReplicas: 3, maxReplicas: 2 }] });
  expect(badPolicy.status()).toBe(422);
  expect((await badPolicy.json()).error.field).toBe("policies.0.minReplicas");

  // A viewer may read it but not apply; another organization does not see the endpoint.
  const viewer = api(viewerToken);
  expect((await viewer.get("/endpoints/replayed/what-if?days=1")).status()).toBe(200);
  expect((await viewer.patch("/endpoints/replayed", { minReplicas: 0, maxReplicas: 2, scaleToZeroMinutes: 5 })).status()).toBe(403);
  const foreign = api(foreignToken);
  for (const response of [
    await foreign.get("/endpoints/replayed/what-if"),
    await foreign.post("/endpoints/replayed/what-if", { policies: [{ minReplicas: 1, maxReplicas: 2 }] }),
    await foreign.get("/endpoints/replayed/recommendation"),
  ]) {
    expect(response.status()).toBe(404);
  }

  // The CLI.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ebb-cli-what-if-"));
  const ebb = cli(dir);
  await ebb("login", "--url", baseURL!, "--token", ownerToken);
  const table = await ebb("inference", "what-if", "replayed", "--days", "1");
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/^6 requests from /);
  expect(table.stdout).toMatch(/POLICY\s+REPLICA-H\s+COST\s+PER MONTH\s+COLD STARTS\s+DELAYED\s+P50 DELAY\s+FRONTIER/);
  expect(table.stdout).toMatch(/^Scale to zero after 5 min\s+min 0, max 2, target 4, zero after 5 min/m);
  expect(JSON.parse((await ebb("inference", "what-if", "replayed", "--days", "1", "--json")).stdout).requests).toBe(6);
  const recommended = await ebb("inference", "recommend", "replayed", "--days", "1");
  expect(recommended.code).toBe(0);
  expect(recommended.stdout).toMatch(/^(Recommended: |No change recommended)/);
  expect((await ebb("inference", "what-if", "replayed", "--days", "0")).code).toBe(1);
  fs.rmSync(dir, { recursive: true, force: true });

  // The page: the frontier chart, a point compared with today's, and Apply through the policy edit.
  await page.goto("/endpoints/replayed");
  const card = page.getByTestId("what-if");
  await card.getByRole("button", { name: "1 day" }).click();
  await expect(card.getByTestId("what-if-agreement")).toContainText("The replay of the current policy gives");
  await expect(card.getByTestId("what-if-chart").locator(".recharts-scatter-symbol").first()).toBeVisible();
  await expect(card.getByTestId("what-if-chart")).toContainText("Current policy");
  await card.getByRole("row", { name: /^Scale to zero after 5 min/ }).getByRole("button", { name: "Compare" }).click();
  const selected = card.getByTestId("what-if-selected");
  await expect(selected).toContainText("Scale to zero after 5 min");
  await expect(selected).toContainText("Cold starts");
  const screenshot = test.info().outputPath("what-if.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  await test.info().attach("What if on the endpoint page", { path: screenshot, contentType: "image/png" });
  await selected.getByRole("button", { name: "Apply this policy" }).click();
  await expect(page.getByTestId("policy")).toContainText("5 min");
  await expect(page.getByText("scale to zero after 15 → 5 min").first()).toBeVisible();
  const after = await (await owner.get("/endpoints/replayed")).json();
  expect(after.policy).toMatchObject({ minReplicas: 0, maxReplicas: 2, scaleToZeroMinutes: 5 });
  const { items } = await (await owner.get("/endpoints/replayed/events")).json();
  expect(items.find((e: { kind: string }) => e.kind === "policy-updated").message).toContain("scale to zero after 15 → 5 min");
});
