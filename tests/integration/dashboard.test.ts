import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applyLocalPrices } from "@/lib/costs/prices";
import { endpointMetrics, endpoints } from "@/lib/db/schema";
import { getBudgetStatus } from "@/lib/services/budgets";
import { createEndpoint, deleteEndpoint } from "@/lib/services/endpoints";
import { getOrganizationSummary } from "@/lib/services/metrics";
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

    const status = await getBudgetStatus({ caller: owner, now });
    expect(status.endpoints.find((e) => e.name === "steady")!.basis).toBe("rest of the month at the last 7 days' average, $7.20/day");
    expect(status.organization.projected).toBeCloseTo(summary.projected, 9);
  });
});
