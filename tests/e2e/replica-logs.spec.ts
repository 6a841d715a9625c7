import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { cli } from "./support/cli";
import { createApiToken, expect, test } from "./support/fixtures";

test("a runtime that fails to start shows its last lines in the lifecycle log, the replica logs, the API and the CLI", async ({ page, auth, request, baseURL }) => {
  test.setTimeout(90_000);
  await auth.signUp();
  const token = await createApiToken(page, "logs");
  const created = await request.post("/api/v1/endpoints", {
    headers: { authorization: `Bearer ${token}` },
    data: { name: "oom", model: "acme/oom", instanceType: "cpu-small", autoscaling: false, minReplicas: 1, maxReplicas: 1, runtime: { name: "crashes-loading" } },
  });
  expect(created.status()).toBe(201);

  await page.goto("/endpoints/oom");
  // The provider's own words, in the lifecycle log and on the replica's log card.
  await expect(page.getByTestId("lifecycle-log")).toContainText("CUDA error: out of memory", { timeout: 30_000 });
  await expect(page.getByTestId("replica-log-lines")).toContainText("loading weights for acme/oom", { timeout: 30_000 });
  await expect(page.getByTestId("replica-log-lines")).toContainText("CUDA error: out of memory");

  const logs = await (await request.get("/api/v1/endpoints/oom/logs?lines=10", { headers: { authorization: `Bearer ${token}` } })).json();
  const lines = logs.replicas.flatMap((r: { lines: Array<{ stream: string; line: string }> }) => r.lines);
  expect(lines).toEqual(expect.arrayContaining([{ at: expect.any(String), stream: "stderr", line: "CUDA error: out of memory" }]));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ebb-cli-oom-"));
  const ebb = cli(dir);
  await ebb("login", "--url", baseURL!, "--token", token);
  const printed = await ebb("inference", "logs", "oom", "--replicas", "--lines", "5");
  expect(printed.code).toBe(0);
  expect(printed.stdout).toMatch(/stderr {1}CUDA error: out of memory/);
  fs.rmSync(dir, { recursive: true, force: true });
});
