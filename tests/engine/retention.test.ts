import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpointMetrics, endpoints, replicaSamples, requestStats } from "@/lib/db/schema";
import type { Caller } from "@/lib/services/caller";
import { pauseEndpoint } from "@/lib/services/endpoints";
import { createOrganization } from "../support/accounts";
import { getDb, withTestDatabase } from "../support/database";
import { createTestEndpoint, startTestEngine, type TestEngine } from "../support/engine";

withTestDatabase();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let owner: Caller;
let test: TestEngine;

beforeAll(async () => {
  owner = await createOrganization("Retention Org");
  test = await startTestEngine({ controller: { rawRetentionMs: DAY } });
});

afterAll(async () => {
  await test?.close();
});

async function endpointWithRawRows(name: string, metricsThrough: number, rawAt: number[]) {
  const endpoint = await createTestEndpoint(owner, { name, min: 0, max: 1 });
  await pauseEndpoint({ caller: owner, name });
  const db = await getDb();
  await db.update(endpoints).set({ createdAt: new Date(Math.min(metricsThrough, ...rawAt)), metricsThrough: new Date(metricsThrough) }).where(eq(endpoints.id, endpoint.id));
  for (const at of rawAt) {
    await db.insert(replicaSamples).values({ endpointId: endpoint.id, at: new Date(at), ready: 1, target: 1 });
    await db.insert(requestStats).values({ endpointId: endpoint.id, at: new Date(at), requests: 3, status2xx: 3, status4xx: 0, status5xx: 0, latencyMsSum: 30, latencyMsMax: 10, latencyHistogram: [3] });
  }
  return endpoint;
}

const rawTimes = async (endpointId: string) => {
  const db = await getDb();
  const samples = await db.select({ at: replicaSamples.at }).from(replicaSamples).where(eq(replicaSamples.endpointId, endpointId));
  const stats = await db.select({ at: requestStats.at }).from(requestStats).where(eq(requestStats.endpointId, endpointId));
  return { samples: samples.map((r) => r.at.getTime()), stats: stats.map((r) => r.at.getTime()) };
};

describe("retention of raw rows", () => {
  it("deletes raw rows and minute rollups past the retention, keeps the hours, and keeps what is not rolled up yet", async () => {
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    // Rolled up to a minute ago: a row from 30 h ago is past the one-day retention, one from 1 h ago is not.
    const current = await endpointWithRawRows("current", now - 60_000, [now - 30 * HOUR, now - HOUR]);
    // Three days behind (a long stop): one pass catches up a day, so its row from 36 h ago is not rolled up yet.
    const behind = await endpointWithRawRows("behind", now - 3 * DAY, [now - 3 * DAY + HOUR, now - 36 * HOUR]);
    const db = await getDb();
    const hourAgo = new Date(now - 30 * HOUR - (now % HOUR));
    await db.insert(endpointMetrics).values([
      { endpointId: current.id, resolution: "1m", bucket: hourAgo, requests: 3 },
      { endpointId: current.id, resolution: "1h", bucket: hourAgo, requests: 3 },
    ]);

    await test.engine.controller.rollUpNow(now);

    const kept = await rawTimes(current.id);
    expect(kept.stats).toEqual([now - HOUR]);
    expect(kept.samples.filter((t) => t < now - HOUR)).toEqual([]);
    expect(kept.samples).toContain(now - HOUR);
    const [watermark] = await db.select({ at: endpoints.metricsThrough }).from(endpoints).where(eq(endpoints.id, behind.id));
    expect(watermark!.at!.getTime()).toBe(now - 2 * DAY);
    // Its rolled-up row went; the one past the retention but not rolled up stays for the next pass.
    expect((await rawTimes(behind.id)).stats).toEqual([now - 36 * HOUR]);

    const rollups = await db.select().from(endpointMetrics).where(and(eq(endpointMetrics.endpointId, current.id), eq(endpointMetrics.bucket, hourAgo)));
    expect(rollups.map((r) => r.resolution)).toEqual(["1h"]);
  });
});
