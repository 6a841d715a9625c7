import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "@/lib/services/caller";
import { createEndpoint, listEndpointEvents, pauseEndpoint, resumeEndpoint } from "@/lib/services/endpoints";
import { ValidationError } from "@/lib/errors";
import { createOrganization } from "../support/accounts";
import { eq } from "drizzle-orm";
import { endpoints } from "@/lib/db/schema";
import { getDb, withTestDatabase } from "../support/database";
import { endpointRow, startTestEngine, waitFor, type TestEngine } from "../support/engine";
import { useTestRuntimes } from "../support/runtimes";

withTestDatabase();

// A data folder with a secret in it, as the console keeps one (mode 0700 like the real one).
const dataDir = fs.mkdtempSync(path.join(process.cwd(), ".data-isolation-"));
const secretFile = path.join(dataDir, "auth-secret");
let owner: Caller;
let test: TestEngine;
const runningAsRoot = process.getuid?.() === 0;

beforeAll(async () => {
  fs.chmodSync(dataDir, 0o700);
  fs.writeFileSync(secretFile, "the-console-secret", { mode: 0o600 });
  process.env.AUTH_SECRET = "console-auth-secret-that-must-not-leak-0123456789";
  process.env.EBB_SECRET_KEY = "console-secret-key-must-not-leak";
  useTestRuntimes([dataDir, secretFile, `/proc/${process.pid}/environ`]);
  owner = await createOrganization("Isolation Org");
  test = await startTestEngine();
});

afterAll(async () => {
  await test?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function probeEndpoint(name: string) {
  const endpoint = await createEndpoint({
    caller: owner,
    input: { name, model: "acme/probe", instanceType: "cpu-small", autoscaling: false, minReplicas: 1, maxReplicas: 1, runtime: { name: "probe" } },
  });
  await waitFor(() => test.engine.provider.ready(endpoint.id).length === 1, 20_000, "the probe replica");
  return endpoint;
}

describe("tenants choose runtimes by name, never a command", () => {
  it("refuses a command in the runtime with a field error, and a name the catalog lacks", async () => {
    const input = { name: "evil", model: "acme/evil", instanceType: "cpu-small", minReplicas: 1, maxReplicas: 1 };
    const command = createEndpoint({ caller: owner, input: { ...input, runtime: { kind: "command", command: "id > /tmp/pwned" } } });
    await expect(command).rejects.toBeInstanceOf(ValidationError);
    await expect(command).rejects.toMatchObject({ fieldErrors: { "runtime.command": [expect.stringMatching(/operator's catalog/)] } });
    const unknown = createEndpoint({ caller: owner, input: { ...input, runtime: { name: "bash" } } });
    await expect(unknown).rejects.toMatchObject({ fieldErrors: { "runtime.name": [expect.stringMatching(/No runtime "bash"/)] } });
  });
});

describe("an endpoint stored with a command before runtimes had names", () => {
  it("never runs it: the endpoint fails, saying the runtime is not in the catalog", async () => {
    const endpoint = await createEndpoint({
      caller: owner,
      input: { name: "legacy", model: "acme/legacy", instanceType: "cpu-small", autoscaling: false, minReplicas: 1, maxReplicas: 1 },
    });
    await pauseEndpoint({ caller: owner, name: "legacy" });
    await waitFor(() => test.engine.provider.active(endpoint.id).length === 0, 20_000, "the paused endpoint's replicas to stop");
    const marker = path.join(os.tmpdir(), `legacy-ran-${endpoint.id}`);
    const db = await getDb();
    await db.update(endpoints).set({ runtime: { kind: "command", command: `touch ${marker}` } }).where(eq(endpoints.id, endpoint.id));
    await resumeEndpoint({ caller: owner, name: "legacy" });
    await waitFor(async () => (await endpointRow(endpoint.id)).state === "failed", 30_000, "the legacy endpoint to fail");
    expect((await endpointRow(endpoint.id)).stateMessage).toMatch(/not in this install's runtime catalog/);
    expect(fs.existsSync(marker)).toBe(false);
  });
});

describe("a replica gets nothing of the console's", () => {
  it("runs with a scrubbed environment in its own folder, and cannot read the data folder", async () => {
    await probeEndpoint("snoop");
    const response = await fetch(`${test.url}/e/${owner.organizationSlug}/snoop/env`);
    const { env, uid, cwd } = (await response.json()) as { env: Record<string, string>; uid: number; cwd: string };
    const dump = JSON.stringify(env);
    expect(dump).not.toContain("console-auth-secret");
    expect(dump).not.toContain("console-secret-key");
    expect(Object.keys(env)).not.toEqual(expect.arrayContaining(["AUTH_SECRET"]));
    for (const name of ["AUTH_SECRET", "EBB_SECRET_KEY", "DATABASE_URL", "TEST_DATABASE_URL", "EBB_RUNTIMES_FILE"]) expect(env[name]).toBeUndefined();
    expect(env.RUNTIME_OWN_SETTING).toBe("kept");
    expect(env.HOME).toBe(cwd);
    expect(path.relative(process.cwd(), cwd).startsWith("..")).toBe(true);
    expect(path.relative(dataDir, cwd).startsWith("..")).toBe(true);

    const probes = (await (await fetch(`${test.url}/e/${owner.organizationSlug}/snoop/probe`)).json()) as Record<string, { readable: boolean; content?: string }>;
    if (runningAsRoot) {
      // Root's replicas run as nobody: the data folder and the console's own environment are closed.
      expect(uid).not.toBe(0);
      expect(probes[dataDir]!.readable).toBe(false);
      expect(probes[secretFile]!.readable).toBe(false);
      expect(probes[`/proc/${process.pid}/environ`]!.readable).toBe(false);
    }
    for (const probe of Object.values(probes)) expect(probe.content ?? "").not.toContain("the-console-secret");
  });
});

describe("the data plane cannot touch the console's session", () => {
  it("never forwards the caller's cookies, token or address header", async () => {
    await probeEndpoint("echo");
    const response = await fetch(`${test.url}/e/${owner.organizationSlug}/echo/headers`, {
      headers: { cookie: "authjs.session-token=console-session", authorization: "Bearer ebb_caller_token", "x-ebb-client-ip": "6.6.6.6", "x-tenant": "kept" },
    });
    const seen = (await response.json()) as Record<string, string>;
    expect(seen.cookie).toBeUndefined();
    expect(seen.authorization).toBeUndefined();
    expect(seen["x-ebb-client-ip"]).toBeUndefined();
    expect(seen["x-tenant"]).toBe("kept");
  });

  it("strips Set-Cookie from answers and sandboxes every answer, errors included", async () => {
    await probeEndpoint("page");
    const page = await fetch(`${test.url}/e/${owner.organizationSlug}/page/page`);
    expect(page.status).toBe(200);
    expect(page.headers.get("set-cookie")).toBeNull();
    expect(page.headers.get("content-security-policy")).toBe("sandbox");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    const missing = await fetch(`${test.url}/e/${owner.organizationSlug}/nothing-here/`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-security-policy")).toBe("sandbox");
  });

  it("answers malformed or impossible paths with a 4xx, not a server error", async () => {
    for (const bad of ["/e/%E0%A4%A/x/", "/e/org/%00name/", `/e/${owner.organizationSlug}/%ZZ/v1`]) {
      const response = await fetch(`${test.url}${bad}`);
      expect(response.status, bad).toBeGreaterThanOrEqual(400);
      expect(response.status, bad).toBeLessThan(500);
      expect(((await response.json()) as { error: string }).error).toBeTruthy();
    }
  });
});

describe("a runtime that crashes while loading", () => {
  it("is retried with back-off, each failure logged with its last output, then the endpoint fails", async () => {
    const endpoint = await createEndpoint({
      caller: owner,
      input: { name: "crashy", model: "acme/crashy", instanceType: "cpu-small", autoscaling: false, minReplicas: 1, maxReplicas: 1, runtime: { name: "crashes-loading" } },
    });
    await waitFor(async () => (await endpointRow(endpoint.id)).state === "failed", 30_000, "the endpoint to fail");
    const row = await endpointRow(endpoint.id);
    expect(row.stateMessage).toMatch(/CUDA error: out of memory/);
    const events = await listEndpointEvents({ caller: owner, name: "crashy" });
    const failures = events.filter((e) => e.kind === "replica-start-failed");
    expect(failures.length).toBeGreaterThanOrEqual(3);
    expect(failures.length).toBeLessThan(6);
    expect(failures[0]!.message).toMatch(/attempt \d+\); next try in \d+ s: .*exited with code 3.*loading weights for acme\/crashy/s);
  });
});
