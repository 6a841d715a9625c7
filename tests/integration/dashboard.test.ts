import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applyLocalPrices } from "@/lib/costs/prices";
import { coldStarts, endpointMetrics, endpoints } from "@/lib/db/schema";
import { LATENCY_BUCKETS_MS } from "@/lib/domain/latency";
import { getBudgetStatus } from "@/lib/services/budgets";
import { getCostLines, totalsBy } from "@/lib/services/costs";
import { createEndpoint, deleteEndpoint } from "@/lib/services/endpoints";
import { getEndpointSeries, getOrganizationSummary } from "@/lib/services/metrics";
import { createOrganization } from "../support/accounts";
import { getDb, withTestDatabase } from "../support/database";

withTestDatabase();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// 20 November 2026, noon: 10.5 days of the month remain.
const now = Date.UTC(2026, 10, 20, 12);
const monthStart = Date.UTC(2026, 10, 1);

/** An endpoint created at `createdAt`, with hourly rollups from then to now of `replicas(hour)` billed at `price`. */
async function endpointWithHistory(caller: Awaited<ReturnType<typeof createOrganization>>, name: string, instanceType: string, createdAt: number, price: number, replicas: (at: number) => number) {
  const db = await getDb();
  const created = await createEndpoint({ caller, input: { name, model: "acme/chat", instanceType, minReplicas: 0, maxReplicas: 4 } });
  await db.update(endpoints).set({ createdAt: new Date(createdAt), targetReplicas: 0 }).where(eq(endpoints.id, created.id));
  const rows = [];
  for (let at = createdAt; at < now; at += HOUR) {
    const n = replicas(at);
    rows.push({ endpointId: created.id, resolution: "1h" as const, bucket: new Date(at), billedSeconds: n * 3600, maxTarget: n, computeCost: n * price, storageCost: n === 0 ? 0.015 : 0 });
  }
  await db.insert(endpointMetrics).values(rows);
  return created;
}

describe("the dashboard's month", () => {
  it("projects each endpoint by its basis and counts savings against its peak always on", async () => {
    await applyLocalPrices();
    const owner = await createOrganization("Dashboard Org");
    // Since October (the month's start cuts it): one cpu-medium replica ($0.30/h), always.
    await endpointWithHistory(owner, "steady", "cpu-medium", monthStart - 5 * DAY, 0.3, () => 1);
    // Since 10 November: two cpu-small replicas ($0.15/h) for 2 hours a day, at zero the rest.
    await endpointWithHistory(owner, "bursty", "cpu-small", Date.UTC(2026, 10, 10), 0.15, (at) => (((at / HOUR) % 24) < 2 ? 2 : 0));
    // Deleted: what it cost stays, nothing more is projected.
    await endpointWithHistory(owner, "gone", "cpu-small", Date.UTC(2026, 10, 18), 0.15, () => 1);
    await deleteEndpoint({ caller: owner, name: "gone" });
    const db = await getDb();
    await db.update(endpoints).set({ deletedAt: new Date(now - DAY) }).where(eq(endpoints.name, "gone"));

    const summary = await getOrganizationSummary({ caller: owner, now });
    const steady = 19.5 * 24 * 0.3;
    const burstyDays = 10.5;
    const bursty = Math.ceil(burstyDays) * 2 * 2 * 0.15 + (burstyDays * 24 - Math.ceil(burstyDays) * 2) * 0.015;
    const gone = 2.5 * 24 * 0.15;
    expect(summary.monthToDate).toBeCloseTo(steady + bursty + gone, 6);

    const perDaySteady = 24 * 0.3;
    const perDayBursty = 2 * 2 * 0.15 + 22 * 0.015;
    expect(summary.projected).toBeCloseTo(steady + bursty + gone + 10.5 * (perDaySteady + perDayBursty), 6);

    // Always on at each endpoint's peak this month, at today's price, for the time it lived this month.
    const alwaysOn = 19.5 * 24 * 0.3 + 10.5 * 24 * 2 * 0.15 + 1.5 * 24 * 1 * 0.15;
    expect(summary.alwaysOn).toBeCloseTo(alwaysOn, 6);
    expect(summary.savings).toBeCloseTo(alwaysOn - (steady + bursty + gone), 6);

    // Each day's cost by endpoint adds up to the month.
    const byDay = summary.costByDay.reduce((n, day) => n + Object.entries(day).filter(([k]) => k !== "t").reduce((m, [, v]) => m + (v as number), 0), 0);
    expect(byDay).toBeCloseTo(summary.monthToDate, 6);
    expect(summary.costByDay[0]!.t).toBe(monthStart);
    // The chart spans the whole month: days without cost, and those to come, are there and empty.
    expect(summary.costByDay).toHaveLength(30);
    expect(Object.keys(summary.costByDay.at(-1)!)).toEqual(["t"]);

    const status = await getBudgetStatus({ caller: owner, now });
    expect(status.endpoints.find((e) => e.name === "steady")!.basis).toBe("rest of the month at the last 7 days' average, $7.20/day");
    expect(status.organization.projected).toBeCloseTo(summary.projected, 9);

    // The Costs page's lines: one per endpoint per day, adding up to the same month, deleted ones marked.
    const lines = await getCostLines({ caller: owner, from: new Date(monthStart), to: new Date(now) });
    expect(lines.reduce((n, l) => n + l.compute + l.storage, 0)).toBeCloseTo(summary.monthToDate, 6);
    expect(lines.filter((l) => l.endpoint === "steady")).toHaveLength(20);
    expect(lines.find((l) => l.endpoint === "steady" && l.day === "2026-11-19")).toMatchObject({ replicaHours: 24, deleted: false, instanceType: "cpu-medium" });
    expect(lines.find((l) => l.endpoint === "steady" && l.day === "2026-11-19")!.compute).toBeCloseTo(7.2, 9);
    expect(lines.filter((l) => l.endpoint === "gone").every((l) => l.deleted)).toBe(true);
    const byType = totalsBy(lines, (l) => l.instanceType);
    expect(byType.map((t) => t.key)).toEqual(["cpu-medium", "cpu-small"]);
    expect(byType[0]!.total).toBeCloseTo(steady, 6);
    // Another organization sees none of it.
    expect(await getCostLines({ caller: await createOrganization("Other Org"), from: new Date(monthStart), to: new Date(now) })).toEqual([]);
  });
});

describe("an endpoint's chart series", () => {
  it("spans the whole window, zeros where nothing ran and nothing before the endpoint existed, with percentiles, cold starts and running cost", async () => {
    const db = await getDb();
    const owner = await createOrganization("Series Org");
    const created = await createEndpoint({ caller: owner, input: { name: "charted", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 2 } });
    const at = Date.UTC(2026, 10, 20, 10, 0);
    const min = 60_000;
    // Created at 10:00, viewed at 11:30 over the last hour: 10:30 to 11:30, one bucket a minute.
    await db.update(endpoints).set({ createdAt: new Date(at) }).where(eq(endpoints.id, created.id));
    const histogram = LATENCY_BUCKETS_MS.map(() => 0).concat(0);
    histogram[2] = 90; // 90 requests in the third latency bucket
    histogram[5] = 10; // 10 in the sixth
    await db.insert(endpointMetrics).values([
      { endpointId: created.id, resolution: "1m", bucket: new Date(at + 40 * min), readySeconds: 90, maxReady: 2, maxTarget: 2, computeCost: 0.005, requests: 100, status2xx: 95, status5xx: 5, latencyHistogram: histogram, coldStarts: 2, coldStartMsMax: 4000 },
      { endpointId: created.id, resolution: "1m", bucket: new Date(at + 50 * min), storageCost: 0.00025 },
      // Before the window: not in the series or its running total.
      { endpointId: created.id, resolution: "1m", bucket: new Date(at + 5 * min), computeCost: 1 },
    ]);
    await db.insert(coldStarts).values([
      { endpointId: created.id, startedAt: new Date(at + 39 * min), readyAt: new Date(at + 40 * min + 1000), durationMs: 3000 },
      { endpointId: created.id, startedAt: new Date(at + 39 * min), readyAt: new Date(at + 40 * min + 2000), durationMs: 4000 },
    ]);

    const series = await getEndpointSeries({ caller: owner, name: "charted", range: "1h", now: at + 90 * min });
    expect(series.points).toHaveLength(60);
    expect(series.points[0]!.t).toBe(at + 30 * min);
    expect(series.points.at(-1)!.t).toBe(at + 89 * min);
    const busy = series.points.find((p) => p.t === at + 40 * min)!;
    expect(busy).toMatchObject({ maxReady: 2, target: 2, ready: 1.5, requests: 100, errors: 5, coldStarts: 2, coldStartP50: 3500, coldStartMax: 4000 });
    expect(busy.p50).toBe(LATENCY_BUCKETS_MS[2]);
    expect(busy.p95).toBe(LATENCY_BUCKETS_MS[5]);
    const quiet = series.points.find((p) => p.t === at + 45 * min)!;
    expect(quiet).toMatchObject({ ready: 0, maxReady: 0, requests: 0, p50: null, coldStartP50: null, cost: 0 });
    expect(series.points.at(-1)!.cumulativeCost).toBeCloseTo(0.00525, 9);
    expect(series.totalCost).toBeCloseTo(0.00525, 9);

    // Over a day, quarter-hours: the whole day is on the axis, empty before the endpoint existed.
    const day = await getEndpointSeries({ caller: owner, name: "charted", range: "24h", now: at + 90 * min });
    expect(day.points).toHaveLength(96);
    expect(day.points[0]!.t).toBe(at + 90 * min - 24 * 60 * min);
    const born = day.points.findIndex((p) => p.t === at);
    expect(day.points.slice(0, born).every((p) => p.requests === null && p.maxReady === null && p.cumulativeCost === null)).toBe(true);
    // The quarter-hour from 10:30 sums its minutes: the busy minute and the quiet ones.
    expect(day.points.find((p) => p.t === at + 30 * min)).toMatchObject({ requests: 100, maxReady: 2, coldStarts: 2, coldStartMax: 4000 });
    expect(day.points.find((p) => p.t === at + 30 * min)!.cost).toBeCloseTo(0.005, 9);
    expect(day.points.find((p) => p.t === at + 45 * min)!.cost).toBeCloseTo(0.00025, 9);
    // 10:05's minute is in the day's window, not the hour's.
    expect(day.totalCost).toBeCloseTo(1.00525, 9);
  });
});
