import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/fixtures";
import { cli } from "./support/cli";
import { tokensForRoles } from "./support/tokens";

test("the ebb CLI drives the lifecycle, with one-line errors and non-zero exits", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const { ownerToken, viewerToken, foreignToken } = await tokensForRoles(page, browser);
  const dirs = ["owner", "viewer", "foreign", "nobody"].map((n) => fs.mkdtempSync(path.join(os.tmpdir(), `ebb-cli-${n}-`)));
  const [ebb, asViewer, asForeign, anonymous] = dirs.map(cli) as [ReturnType<typeof cli>, ReturnType<typeof cli>, ReturnType<typeof cli>, ReturnType<typeof cli>];

  const notLoggedIn = await anonymous("inference", "list");
  expect(notLoggedIn.code).toBe(1);
  expect(notLoggedIn.stderr.trim()).toBe("ebb: not logged in: run `ebb login --url URL --token TOKEN`");
  const badLogin = await anonymous("login", "--url", baseURL!, "--token", "ebb_wrong");
  expect(badLogin.code).toBe(1);
  expect(badLogin.stderr).toMatch(/^ebb: The API token is not valid/);

  const login = await ebb("login", "--url", baseURL!, "--token", ownerToken);
  expect(login.code).toBe(0);
  expect(login.stdout).toMatch(/Logged in to .* as .*@example\.com \(owner of Org /);
  expect((await asViewer("login", "--url", baseURL!, "--token", viewerToken)).code).toBe(0);
  expect((await asForeign("login", "--url", baseURL!, "--token", foreignToken)).code).toBe(0);

  const created = await ebb("inference", "create", "cli", "--model", "acme/chat", "--instance-type", "cpu-small", "--min-replicas", "0", "--max-replicas", "1");
  expect(created.code).toBe(0);
  expect(created.stdout).toContain("Created cli");
  const invalid = await ebb("inference", "create", "cli2", "--model", "acme/chat", "--instance-type", "cpu-small", "--min-replicas", "3", "--max-replicas", "2");
  expect(invalid.code).toBe(1);
  expect(invalid.stderr.trim()).toBe("ebb: Min Accels (3) cannot be above Max Accels (2). (minReplicas)");

  const list = await ebb("inference", "list");
  expect(list.stdout).toMatch(/^NAME\s+MODEL\s+STATE/);
  expect(list.stdout).toMatch(/\ncli\s+acme\/chat\s+/);
  const asJson = JSON.parse((await ebb("inference", "list", "--json")).stdout);
  expect(asJson.map((e: { name: string }) => e.name)).toEqual(["cli"]);

  const scaled = await ebb("inference", "scale", "cli", "--min-replicas", "0", "--max-replicas", "2");
  expect(scaled.stdout.trim()).toBe("Scaled cli: auto-scaling 0–2 replicas");
  const inspected = JSON.parse((await ebb("inference", "inspect", "cli", "--json")).stdout);
  expect(inspected.policy).toMatchObject({ autoscaling: true, minReplicas: 0, maxReplicas: 2 });

  const viewerPause = await asViewer("inference", "pause", "cli");
  expect(viewerPause.code).toBe(1);
  expect(viewerPause.stderr.trim()).toBe("ebb: Your role does not allow this.");
  const foreignPause = await asForeign("inference", "pause", "cli");
  expect(foreignPause.code).toBe(1);
  expect(foreignPause.stderr.trim()).toBe("ebb: No endpoint named cli.");

  expect((await ebb("inference", "pause", "cli")).stdout).toMatch(/^Paused cli/);
  expect(JSON.parse((await ebb("inference", "inspect", "cli", "--json")).stdout).desiredState).toBe("paused");
  expect((await ebb("inference", "resume", "cli")).stdout).toMatch(/^Resumed cli/);
  // Resumed, it runs until idle for its timeout; scaling to zero puts it to sleep now, and a request wakes it.
  const state = async () => JSON.parse((await ebb("inference", "inspect", "cli", "--json")).stdout).state;
  await expect.poll(state, { timeout: 20_000 }).toBe("running");
  const asleep = await ebb("inference", "scale-to-zero", "cli");
  expect(asleep.stdout).toMatch(/^Scaling to zero cli/);
  await expect.poll(state, { timeout: 20_000 }).toBe("scaledToZero");
  const alreadyAsleep = await ebb("inference", "scale-to-zero", "cli");
  expect(alreadyAsleep.code).toBe(1);
  expect(alreadyAsleep.stderr.trim()).toBe("ebb: The endpoint is already scaled to zero.");
  const woken = await fetch(`${inspected.url}/v1/completions`, { method: "POST", headers: { "x-scale-up-timeout": "30" }, body: JSON.stringify({ prompt: "We", max_tokens: 2 }) });
  expect(woken.status).toBe(200);
  await expect.poll(state).toBe("running");

  const refused = await ebb("inference", "delete", "cli");
  expect(refused.code).toBe(1);
  expect(refused.stderr.trim()).toBe("ebb: refusing to delete without confirmation: pass --yes");
  expect((await ebb("inference", "delete", "cli", "--yes")).stdout.trim()).toBe("Deleted cli");
  const gone = await ebb("inference", "inspect", "cli");
  expect(gone.code).toBe(1);
  expect(gone.stderr.trim()).toBe("ebb: No endpoint named cli.");

  const typo = await ebb("inference", "scael", "cli");
  expect(typo.code).toBe(1);
  expect(typo.stderr.trim()).toBe("ebb: unknown command 'scael'");
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

test("ebb inference logs shows the lifecycle log with actors", async ({ page, browser, baseURL }) => {
  const { owner, ownerToken } = await tokensForRoles(page, browser);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ebb-cli-logs-"));
  const ebb = cli(dir);
  await ebb("login", "--url", baseURL!, "--token", ownerToken);
  await ebb("inference", "create", "logged", "--model", "acme/chat", "--instance-type", "cpu-small", "--replicas", "1");
  await ebb("inference", "pause", "logged");
  const logs = await ebb("inference", "logs", "logged");
  expect(logs.code).toBe(0);
  const lines = logs.stdout.trim().split("\n");
  expect(lines[0]).toMatch(/^TIME\s+ACTOR\s+EVENT\s+MESSAGE$/);
  expect(logs.stdout).toContain(`${owner.email} (API token "owner")  created`);
  expect(logs.stdout).toMatch(new RegExp(`${owner.email.replace(/[.]/g, "\\.")} \\(API token "owner"\\)\\s+paused\\s+Paused`));

  // --replicas: what the replicas wrote, each under its id and status.
  await ebb("inference", "create", "talker", "--model", "acme/chat", "--instance-type", "cpu-small", "--replicas", "1");
  await expect
    .poll(async () => (await ebb("inference", "logs", "talker", "--replicas", "--lines", "5")).stdout, { timeout: 30_000 })
    .toMatch(/^replica [0-9a-f]{8} · ready · started .*\n.* stdout {1}\{"event":"ready"/m);
  const json = JSON.parse((await ebb("inference", "logs", "talker", "--replicas", "--json")).stdout) as Array<{ status: string; lines: Array<{ stream: string }> }>;
  expect(json[0]!.status).toBe("ready");
  const bad = await ebb("inference", "logs", "talker", "--replicas", "--lines", "501");
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/lines/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("ebb inference pause and resume act on a tag or on all, and resume --wait waits until they serve", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const { ownerToken } = await tokensForRoles(page, browser);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ebb-cli-bulk-"));
  const ebb = cli(dir);
  await ebb("login", "--url", baseURL!, "--token", ownerToken);
  for (const [name, tags] of [["night-a", ["nightly"]], ["night-b", ["nightly", "team-a"]], ["day", []]] as const) {
    const created = await ebb("inference", "create", name, "--model", "acme/chat", "--instance-type", "cpu-small", "--replicas", "1", ...tags.flatMap((t) => ["--tag", t]));
    expect(created.code).toBe(0);
  }
  const state = async (name: string) => JSON.parse((await ebb("inference", "inspect", name, "--json")).stdout);
  expect((await state("night-b")).tags).toEqual(["nightly", "team-a"]);

  const paused = await ebb("inference", "pause", "--tag", "nightly");
  expect(paused.code).toBe(0);
  expect(paused.stdout.trim().split("\n")).toEqual(["[1/2] Paused night-a", "[2/2] Paused night-b"]);
  expect((await state("night-a")).desiredState).toBe("paused");
  expect((await state("day")).desiredState).toBe("running");

  const resumed = await ebb("inference", "resume", "--tag", "nightly", "--wait");
  expect(resumed.code).toBe(0);
  expect(resumed.stdout).toContain("[1/2] Resumed night-a");
  expect(resumed.stdout).toMatch(/\[2\/2 ready\] night-[ab]: running/);
  for (const name of ["night-a", "night-b"]) expect((await state(name)).state).toBe("running");

  const all = await ebb("inference", "pause", "--all");
  expect(all.stdout.trim().split("\n")).toEqual(["[1/3] Paused day", "[2/3] Paused night-a", "[3/3] Paused night-b"]);
  const none = await ebb("inference", "pause", "--tag", "nobody");
  expect(none.code).toBe(1);
  expect(none.stderr.trim()).toBe("ebb: no endpoint has the tag nobody");

  expect((await ebb("inference", "tag", "day", "--tag", "daily")).stdout.trim()).toBe("Tags of day: daily");
  const scheduled = await ebb("inference", "schedule", "day", "--days", "mon-fri", "--from", "08:00", "--to", "19:00", "--timezone", "Europe/Paris");
  expect(scheduled.stdout.trim()).toBe("Schedule of day: Running weekdays 08:00–19:00 Europe/Paris, paused otherwise");
  const badZone = await ebb("inference", "schedule", "day", "--days", "mon", "--from", "08:00", "--to", "09:00", "--timezone", "Mars/Olympus");
  expect(badZone.code).toBe(1);
  expect(badZone.stderr.trim()).toBe("ebb: Use an IANA time zone such as Europe/Paris. (schedule.timezone)");
  expect((await ebb("inference", "schedule", "day", "--clear")).stdout.trim()).toBe("day runs at all times");
  fs.rmSync(dir, { recursive: true, force: true });
});
