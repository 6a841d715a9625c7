import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { AuthPages, createApiToken, expect, test } from "../e2e/support/fixtures";
import { generateCases, type BadCase } from "./cases";

// One organization with endpoints to aim at, and another whose endpoint must stay out of reach.
interface Setup {
  token: string;
  cookie: string;
  namespace: string;
  target: string;
  foreign: string;
}

async function signedUpOrganization(page: import("@playwright/test").Page): Promise<{ token: string; cookie: string; namespace: string }> {
  await new AuthPages(page).signUp();
  const token = await createApiToken(page, "bad-input");
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const me = await (await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } })).json();
  return { token, cookie, namespace: me.organization.namespace as string };
}

async function send(request: APIRequestContext, setup: Setup, c: BadCase): Promise<APIResponse> {
  const headers: Record<string, string> = c.session ? { cookie: setup.cookie } : { authorization: `Bearer ${setup.token}` };
  // Bytes, so the client sends them exactly (it would quote a string that is not valid JSON).
  const text = c.raw ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
  const data = text === undefined ? undefined : Buffer.from(text);
  if (data !== undefined) headers["content-type"] = "application/json";
  return request.fetch(c.path, { method: c.method, headers, data, failOnStatusCode: false, maxRedirects: 0 });
}

/** Everything a rejected request could have changed: the endpoints as the API shows them, and their logs. */
async function snapshot(request: APIRequestContext, setup: Setup): Promise<string> {
  const auth = { authorization: `Bearer ${setup.token}` };
  const { items } = await (await request.get("/api/v1/endpoints", { headers: auth })).json();
  const shown = [];
  for (const e of items as Array<Record<string, unknown>>) {
    // What people did; the controller's own entries (state changes, scaling) follow the pause on their own.
    const events = await (await request.get(`/api/v1/endpoints/${e.name}/events?limit=500`, { headers: auth })).json();
    const byPeople = (events.items as Array<{ actorType: string }>).filter((event) => event.actorType === "user").length;
    shown.push({ name: e.name, model: e.model, policy: e.policy, tags: e.tags, schedule: e.schedule, desiredState: e.desiredState, protected: e.protected, runtime: e.runtime, events: byPeople });
  }
  return JSON.stringify(shown);
}

test("bad input: a 4xx with a JSON error naming the field, never a 5xx, never a change", async ({ page, browser, request }) => {
  test.setTimeout(600_000);
  const ours = await signedUpOrganization(page);
  const otherContext = await browser.newContext();
  const theirs = await signedUpOrganization(await otherContext.newPage());
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  // Paused endpoints: nothing the controller does changes what the snapshot reads.
  for (const [who, name] of [[ours, "target"], [theirs, "theirs"]] as const) {
    const created = await request.post("/api/v1/endpoints", { headers: auth(who.token), data: { name, model: "acme/target", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1 } });
    expect(created.status()).toBe(201);
    expect((await request.post(`/api/v1/endpoints/${name}/pause`, { headers: auth(who.token) })).status()).toBe(200);
  }
  await otherContext.close();
  const setup: Setup = { ...ours, target: "target", foreign: "theirs" };

  const cases = generateCases({ namespace: setup.namespace, target: setup.target, foreign: setup.foreign });
  const problems: string[] = [];
  let before = await snapshot(request, setup);
  for (const c of cases) {
    const response = await send(request, setup, c);
    const status = response.status();
    const text = await response.text();
    if (status < 400 || status >= 500) problems.push(`${c.label}: answered ${status} ${text.slice(0, 200)}`);
    let body: { error?: unknown } | null = null;
    try {
      body = JSON.parse(text) as { error?: unknown };
    } catch {
      problems.push(`${c.label}: the ${status} is not JSON: ${text.slice(0, 120)}`);
    }
    if (body && !body.error) problems.push(`${c.label}: the JSON has no error`);
    if (body && c.field) {
      const error = body.error as { field?: string; fields?: Record<string, string[]> };
      const named = [error.field ?? "", ...Object.keys(error.fields ?? {})];
      if (!named.some((f) => f === c.field || f.startsWith(`${c.field}.`))) problems.push(`${c.label}: the error names ${named.join(", ") || "no field"}, not ${c.field}`);
    }
    const after = await snapshot(request, setup);
    if (after !== before) problems.push(`${c.label}: changed the state`);
    before = after;
  }
  console.log(`bad input: ${cases.length} cases over REST, /hf, the console's JSON routes and the gateway`);
  expect(problems).toEqual([]);
  // The other organization's endpoint is untouched too.
  const theirEvents = await (await request.get("/api/v1/endpoints/theirs/events", { headers: auth(theirs.token) })).json();
  const theirActions = (theirEvents.items as Array<{ kind: string; actorType: string }>).filter((e) => e.actorType === "user").map((e) => e.kind);
  expect(theirActions).toEqual(["paused", "created"]);
});

test("bad input through the CLI: a one-line reason and exit code 1, never a stack trace", async ({ page, baseURL }) => {
  await new AuthPages(page).signUp();
  const token = await createApiToken(page, "cli");
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), "ebb-cli-bad-"));
  const env = { ...process.env, EBB_URL: baseURL!, EBB_TOKEN: token, EBB_CONFIG_DIR: configDir };
  const runs: string[][] = [
    ["inference", "create", "bad\u0001name", "--model", "acme/m", "--instance-type", "cpu-small", "--min-replicas", "0", "--max-replicas", "1"],
    ["inference", "create", "ok", "--model", "acme/m", "--instance-type", "cpu-small", "--min-replicas", "1.5", "--max-replicas", "1"],
    ["inference", "create", "ok", "--model", "acme/m", "--instance-type", "cpu-small", "--runtime", "bash", "--max-replicas", "1"],
    ["inference", "create", "ok", "--model", "x".repeat(300), "--instance-type", "cpu-small", "--max-replicas", "1"],
    ["inference", "scale", "%E0%A4%A", "--min-replicas", "0", "--max-replicas", "2"],
    ["inference", "scale", "nothing-here", "--min-replicas", "-1", "--max-replicas", "2"],
    ["inference", "pause", "__proto__"],
    ["inference", "logs", "nothing-here", "--limit", "1.5"],
    ["inference", "schedule", "nothing-here", "--days", "someday", "--from", "25:00", "--to", "x"],
    ["inference", "inspect", "../../etc/passwd"],
  ];
  for (const args of runs) {
    const result = spawnSync(process.execPath, ["bin/ebb.mjs", ...args], { env, encoding: "utf8", timeout: 30_000 });
    expect(result.status, args.join(" ")).toBe(1);
    expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    expect(result.stderr, args.join(" ")).not.toMatch(/\s+at .+:\d+:\d+/);
  }
  const list = spawnSync(process.execPath, ["bin/ebb.mjs", "inference", "list", "--json"], { env, encoding: "utf8" });
  expect(JSON.parse(list.stdout)).toEqual([]);
});
