import { and, eq, sum } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { coldStarts, endpointMetrics, endpoints, replicaSamples, requestStats } from "@/lib/db/schema";
import { applyLocalPrices, localInstanceTypes, priceVersions, setInstancePrice } from "@/lib/costs/prices";
import { parseEnv } from "@/lib/env";
import { rollUpEndpoint } from "@/lib/costs/rollup";
import { createEndpoint } from "@/lib/services/endpoints";
import { createOrganization } from "../support/accounts";
import { getDb, withTestDatabase } from "../support/database";

withTestDatabase();

const MIN = 60_000;
const HOUR = 3_600_000;

describe("the cost ledger", () => {
  // The default chunk, a chunk that splits hours unevenly, and the whole range in one transaction.
  it.each([{}, { chunkMinutes: 7 }, { chunkMinutes: 24 * 60 }])("matches a hand-computed cost to the cent, and its hours are the exact sums of its minutes (%o)", async (options) => {
    const db = await getDb();
    await applyLocalPrices();
    const owner = await createOrganization();
    const created = await createEndpoint({ caller: owner, input: { name: "ledger", model: "acme/chat", instanceType: "cpu-medium", minReplicas: 0, maxReplicas: 3 } });
    const t0 = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
    const at = (minutes: number) => new Date(t0 + minutes * MIN);
    await db.update(endpoints).set({ createdAt: at(0) }).where(eq(endpoints.id, created.id));

    // cpu-medium: $0.30/h and $0.015/h of storage, then $0.60/h and $0.02/h from minute 60.
    await setInstancePrice({ instanceType: "cpu-medium", effectiveFrom: at(60), pricePerHour: 0.6, storagePricePerHour: 0.02 });
    const timeline: Array<[number, number, number]> = [
      [0, 0, 1], // a replica starting is billed
      [0.5, 1, 1],
      [10, 3, 3], // scale-up
      [40, 0, 0], // scaled to zero: storage only
      [70, 2, 2], // cold start to two
      [90, 0, 0], // paused: storage only
    ];
    await db.insert(replicaSamples).values(timeline.map(([m, ready, target]) => ({ endpointId: created.id, at: at(m), ready, target })));
    // Requests and cold starts counted by the gateway and the controller.
    await db.insert(requestStats).values([
      { endpointId: created.id, at: at(5), requests: 10, status2xx: 9, status4xx: 1, status5xx: 0, latencyMsSum: 1500, latencyMsMax: 400, latencyHistogram: [0, 0, 0, 0, 5, 4, 1] },
      { endpointId: created.id, at: at(75), requests: 4, status2xx: 4, status4xx: 0, status5xx: 0, latencyMsSum: 800, latencyMsMax: 300, latencyHistogram: [0, 0, 0, 0, 0, 4] },
    ]);
    await db.insert(coldStarts).values([
      { endpointId: created.id, startedAt: at(69.5), readyAt: at(70), durationMs: 30_000 },
      { endpointId: created.id, startedAt: at(0), readyAt: at(0.5), durationMs: 30_000 },
    ]);

    const endpoint = (await db.select().from(endpoints).where(eq(endpoints.id, created.id)))[0]!;
    // Deleted at minute 120: nothing is charged after.
    await db.update(endpoints).set({ deletedAt: at(120), desiredState: "deleted" }).where(eq(endpoints.id, created.id));
    const minutes = await rollUpEndpoint({ ...endpoint, deletedAt: at(120) }, t0 + 3 * HOUR, options);
    expect(minutes).toBe(120);

    // By hand: compute 1×10 min + 3×30 min at $0.30/h, 2×20 min at $0.60/h;
    // storage 20 min at $0.015/h, 10 + 30 min at $0.02/h.
    const compute = (1 * 10 + 3 * 30) / 60 * 0.3 + (2 * 20) / 60 * 0.6;
    const storage = (20 / 60) * 0.015 + (40 / 60) * 0.02;
    const totals = async (resolution: "1m" | "1h") => {
      const [row] = await db
        .select({
          compute: sum(endpointMetrics.computeCost),
          storage: sum(endpointMetrics.storageCost),
          requests: sum(endpointMetrics.requests),
          ok: sum(endpointMetrics.status2xx),
          coldStarts: sum(endpointMetrics.coldStarts),
          billed: sum(endpointMetrics.billedSeconds),
        })
        .from(endpointMetrics)
        .where(and(eq(endpointMetrics.endpointId, created.id), eq(endpointMetrics.resolution, resolution)));
      return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
    };
    const byMinute = await totals("1m");
    const byHour = await totals("1h");
    expect((byMinute.compute! + byMinute.storage!).toFixed(2)).toBe((compute + storage).toFixed(2));
    expect(byMinute.compute).toBeCloseTo(compute, 9);
    expect(byMinute.storage).toBeCloseTo(storage, 9);
    expect(byMinute).toMatchObject({ requests: 14, ok: 13, coldStarts: 2, billed: (10 + 90 + 40) * 60 });
    for (const key of Object.keys(byMinute)) expect(byHour[key]).toBeCloseTo(byMinute[key]!, 9);

    const hours = await db.select().from(endpointMetrics).where(and(eq(endpointMetrics.endpointId, created.id), eq(endpointMetrics.resolution, "1h")));
    expect(hours).toHaveLength(2);
    expect(hours.find((h) => h.bucket.getTime() === t0)!.latencyHistogram).toEqual([0, 0, 0, 0, 5, 4, 1]);

    // Rolling up again changes nothing: the watermark has moved past every minute.
    expect(await rollUpEndpoint((await db.select().from(endpoints).where(eq(endpoints.id, created.id)))[0]!, t0 + 4 * HOUR)).toBe(0);
    expect(await totals("1h")).toEqual(byHour);
  });

  it("waits for its caller before each chunk, moving the watermark chunk by chunk", async () => {
    const db = await getDb();
    const owner = await createOrganization();
    const created = await createEndpoint({ caller: owner, input: { name: "chunks", model: "acme/chat", instanceType: "cpu-small", minReplicas: 1, maxReplicas: 1 } });
    const t0 = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR;
    await db.update(endpoints).set({ createdAt: new Date(t0) }).where(eq(endpoints.id, created.id));
    await db.insert(replicaSamples).values({ endpointId: created.id, at: new Date(t0), ready: 1, target: 1 });
    const endpoint = (await db.select().from(endpoints).where(eq(endpoints.id, created.id)))[0]!;
    const watermark = async () => (await db.select().from(endpoints).where(eq(endpoints.id, created.id)))[0]!.metricsThrough?.getTime();

    // A caller holding the go-ahead (a wake from zero under way) holds the rollup where it is.
    const seen: Array<number | undefined> = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const rollup = rollUpEndpoint(endpoint, t0 + HOUR + 10_000, {
      chunkMinutes: 20,
      betweenChunks: async () => {
        seen.push(await watermark());
        if (seen.length === 2) await held;
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual([undefined, t0 + 20 * MIN]);
    expect(await watermark()).toBe(t0 + 20 * MIN);
    release();
    expect(await rollup).toBe(60);
    expect(seen).toEqual([undefined, t0 + 20 * MIN, t0 + 40 * MIN]);
    expect(await watermark()).toBe(t0 + HOUR);
    const hours = await db.select().from(endpointMetrics).where(and(eq(endpointMetrics.endpointId, created.id), eq(endpointMetrics.resolution, "1h")));
    expect(hours.find((h) => h.bucket.getTime() === t0)!.billedSeconds).toBe(3600);
  });

  it("applies configured local prices from the start that reads them, keeping the earlier price for earlier time", async () => {
    const t1 = new Date(Date.UTC(2026, 10, 1));
    await applyLocalPrices(parseEnv({}), t1);
    const before = await priceVersions("cpu-large");
    expect(before.at(-1)).toMatchObject({ pricePerHour: 0.6, storagePricePerHour: 0.015 });

    const t2 = new Date(Date.UTC(2026, 10, 2));
    const configured = parseEnv({ EBB_LOCAL_PRICES: "cpu-large=0.9", EBB_LOCAL_STORAGE_PRICE: "0.02" });
    await applyLocalPrices(configured, t2);
    await applyLocalPrices(configured, new Date(Date.UTC(2026, 10, 3))); // the same again: no new version
    const after = await priceVersions("cpu-large");
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([{ from: t2.getTime(), pricePerHour: 0.9, storagePricePerHour: 0.02 }]);
    expect(localInstanceTypes(configured).find((t) => t.id === "cpu-large")!.pricePerHour).toBe(0.9);
  });
});
