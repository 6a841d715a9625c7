import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { reloadRuntimeCatalog } from "@/lib/runtimes/catalog";
import type { Caller } from "@/lib/services/caller";
import { createEndpoint } from "@/lib/services/endpoints";
import { getEndpointSeries } from "@/lib/services/metrics";
import { getReplicas } from "@/lib/services/replica-logs";
import { createOrganization } from "../support/accounts";
import { withTestDatabase } from "../support/database";
import { startTestEngine, waitFor, type TestEngine } from "../support/engine";

withTestDatabase();

const MiB = 1024 * 1024;

// A server that holds 96 MiB and starts a child that keeps a core busy: the child is in the replica's
// process group, so its CPU counts for the replica, as a model server's workers would.
const HUNGRY = `
const http = require("node:http");
const { spawn } = require("node:child_process");
const held = Buffer.alloc(96 * 1024 * 1024, 1);
spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
http.createServer((req, res) => res.end(String(held.length))).listen(Number(process.argv[1]), "127.0.0.1");
`;

let owner: Caller;
let test: TestEngine;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ebb-usage-runtimes-"));
  fs.chmodSync(dir, 0o755);
  const file = path.join(dir, "ebb.config.json");
  fs.writeFileSync(file, JSON.stringify({ runtimes: [{ name: "hungry", command: ["node", "-e", HUNGRY, "$PORT"], healthPath: "/" }] }));
  process.env.EBB_RUNTIMES_FILE = file;
  reloadRuntimeCatalog();
  owner = await createOrganization("Usage Org");
  test = await startTestEngine();
});

afterAll(async () => {
  await test?.close();
});

describe("replica usage", () => {
  it("samples each replica's CPU (its children included) and resident memory, for the replicas list and the charts", async () => {
    await createEndpoint({
      caller: owner,
      input: { name: "hungry", model: "acme/hungry", instanceType: "cpu-small", autoscaling: false, minReplicas: 1, maxReplicas: 1, runtime: { name: "hungry" } },
    });
    // Two samples after ready: the second covers an interval in which the child spun the whole time.
    const replica = await waitFor(
      async () => {
        const [r] = await getReplicas({ caller: owner, name: "hungry" });
        return r?.status === "ready" && r.usage && Date.parse(r.usage.at) - Date.parse(r.readyAt!) > 1500 ? r : null;
      },
      30_000,
      "a usage sample of the ready replica",
    );
    expect(replica.usage!.memoryBytes).toBeGreaterThan(96 * MiB);
    expect(replica.usage!.memoryBytes).toBeLessThan(1024 * MiB);
    expect(replica.usage!.cpuCores).toBeGreaterThan(0.2);

    // Samples reach the charts once their minute is rolled up (rollups trail the clock by a few seconds). A
    // replica that started late in a minute has only its first, smaller samples there: its full use shows
    // with the next minute, up to a minute later.
    const series = await waitFor(
      async () => {
        await test.engine.controller.rollUpNow();
        const s = await getEndpointSeries({ caller: owner, name: "hungry", range: "1h" });
        return s.points.some((p) => p.memoryBytes !== null && p.memoryBytes > 96 * MiB) ? s : null;
      },
      90_000,
      "the replica's full use in the endpoint's series",
    );
    const sampled = series.points.filter((p) => p.memoryBytes !== null);
    expect(Math.max(...sampled.map((p) => p.memoryBytes!))).toBeGreaterThan(96 * MiB);
    expect(Math.max(...sampled.map((p) => p.cpuCores!))).toBeGreaterThan(0.2);
    // Minutes before the endpoint ran show nothing, not zero use.
    expect(series.points[0]!.cpuCores).toBeNull();

    const stranger = await createOrganization("Usage Stranger");
    await expect(getReplicas({ caller: stranger, name: "hungry" })).rejects.toBeInstanceOf(NotFoundError);
  });
});
