import { call, clearErrorProblem, createBody, endpointShapeProblems, waitFor, type ContractTarget } from "../support/hf-contract";
import { expect, test } from "./support/fixtures";
import { tokensForRoles } from "./support/tokens";

test("the Hugging Face-compatible API passes the contract for a local endpoint, with roles and organizations", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const { ownerToken, viewerToken, foreignToken } = await tokensForRoles(page, browser);
  const target: ContractTarget = { hub: `${baseURL}/hf`, api: `${baseURL}/hf/v2`, token: ownerToken };

  // whoami gives the namespace as the user's name, which the client takes as the default namespace.
  const me = await call(target, "GET", `${target.hub}/api/whoami-v2`);
  expect(me.status).toBe(200);
  expect(me.json).toMatchObject({ type: "user" });
  const namespace = me.json.name as string;

  const hardware = await call(target, "GET", `${target.api}/provider/${namespace}`);
  const vendor = (hardware.json.vendors as Array<{ name: string; regions: Array<{ name: string; computes: Array<Record<string, unknown>> }> }>)[0]!;
  const compute = vendor.regions[0]!.computes[0]!;
  for (const key of ["id", "accelerator", "instanceType", "instanceSize", "architecture", "numAccelerators", "memoryGb", "pricePerHour", "status", "quota"]) {
    expect(compute).toHaveProperty(key);
  }

  // create → wait for running (state running with a URL whose health answers 200).
  const spec = { accelerator: String(compute.accelerator), instanceSize: String(compute.instanceSize), instanceType: String(compute.instanceType), vendor: vendor.name, region: vendor.regions[0]!.name };
  const created = await call(target, "POST", `${target.api}/endpoint/${namespace}`, createBody("hf-ep", spec, { min: 1, max: 2, timeout: null }));
  expect(created.status).toBe(200);
  expect(endpointShapeProblems(created.json)).toEqual([]);
  const url = `${target.api}/endpoint/${namespace}/hf-ep`;
  const running = await waitFor(target, url, (state, e) => state === "running" && !!(e.status as { url?: string }).url);
  const health = await fetch(`${(running.status as { url: string }).url}/health`, { headers: { authorization: `Bearer ${ownerToken}` } });
  expect(health.status).toBe(200);
  expect(running).toMatchObject({ compute: { scaling: { minReplica: 1, maxReplica: 2 } }, model: { repository: "acme/ngram" } });

  // A second create with the same name, and a malformed body, are clear 400s that change nothing.
  expect(clearErrorProblem(await call(target, "POST", `${target.api}/endpoint/${namespace}`, createBody("hf-ep", spec, { min: 1, max: 2, timeout: null })), 400, /already exists/)).toBe("");
  expect(clearErrorProblem(await call(target, "POST", `${target.api}/endpoint/${namespace}`, "{"), 400, /not valid JSON/)).toBe("");
  expect(clearErrorProblem(await call(target, "PUT", url, { compute: { scaling: { minReplica: 3, maxReplica: 2 } } }), 400, /Min Accels \(3\) cannot be above Max Accels \(2\)/)).toBe("");

  // update: only what is sent changes.
  const updated = await call(target, "PUT", url, { compute: { scaling: { maxReplica: 3, minReplica: 0, scaleToZeroTimeout: 15 } } });
  expect(updated.status).toBe(200);
  expect(updated.json).toMatchObject({ compute: { scaling: { minReplica: 0, maxReplica: 3, scaleToZeroTimeout: 15 } }, model: { repository: "acme/ngram" } });

  // Roles and organizations: a viewer reads but may not pause; another organization sees nothing.
  const asViewer = { ...target, token: viewerToken };
  expect((await call(asViewer, "GET", url)).status).toBe(200);
  expect((await call(asViewer, "POST", `${url}/pause`)).status).toBe(403);
  const asForeign = { ...target, token: foreignToken };
  expect(clearErrorProblem(await call(asForeign, "GET", url), 404, /not found/)).toBe("");
  expect(clearErrorProblem(await call(asForeign, "POST", `${url}/pause`), 404, /not found/)).toBe("");
  expect((await call(asForeign, "GET", `${target.api}/endpoint/${namespace}`)).status).toBe(404);

  // pause → paused; resume → running; resume again → 400 "already running", which the client swallows.
  expect(endpointShapeProblems((await call(target, "POST", `${url}/pause`)).json)).toEqual([]);
  await waitFor(target, url, (state) => state === "paused");
  expect((await call(target, "POST", `${url}/pause`)).status).toBe(200);
  expect((await call(target, "POST", `${url}/resume`)).status).toBe(200);
  // Resumed with min 0, it runs (as on Hugging Face) until idle for its timeout.
  await waitFor(target, url, (state) => state === "running");
  const again = await call(target, "POST", `${url}/resume`);
  expect(again.status).toBe(400);
  expect(again.text).toContain("already running");

  // scale to zero (min 0 now) → scaledToZero.
  const wake = await fetch(`${(running.status as { url: string }).url}/v1/completions`, {
    method: "POST",
    headers: { "x-scale-up-timeout": "30", authorization: `Bearer ${ownerToken}` },
    body: JSON.stringify({ prompt: "We", max_tokens: 2 }),
  });
  expect(wake.status).toBe(200);
  await waitFor(target, url, (state) => state === "running");
  expect((await call(target, "POST", `${url}/scale-to-zero`)).status).toBe(200);
  await waitFor(target, url, (state) => state === "scaledToZero");

  // list, then delete → 404.
  const list = await call(target, "GET", `${target.api}/endpoint/${namespace}`);
  expect((list.json.items as Array<{ name: string }>).map((e) => e.name)).toEqual(["hf-ep"]);
  expect((await call(target, "DELETE", url)).status).toBe(200);
  expect(clearErrorProblem(await call(target, "GET", url), 404, /No endpoint named hf-ep/)).toBe("");
  expect((await call({ ...target, token: "ebb_wrong" }, "GET", url)).status).toBe(401);
  const anonymous = await fetch(`${target.hub}/api/whoami-v2`);
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers.get("x-error-message")).toMatch(/^Send an API token/);
});
