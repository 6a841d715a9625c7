import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applyLocalPrices, currentPrice } from "@/lib/costs/prices";
import { endpointMetrics, endpoints, replicas, requestLog } from "@/lib/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { createEndpoint } from "@/lib/services/endpoints";
import { getWhatIf, listRecommendations } from "@/lib/services/what-if";
import { createMember, createOrganization } from "../support/accounts";
import { getDb, withTestDatabase } from "../support/database";

withTestDatabase();

const MIN = 60_000;
const HOUR = 60 * MIN;
const now = Date.UTC(2026, 10, 20, 12);

/** An endpoint created two days ago with a policy, a week of sparse traffic recorded, and its replicas' starts of 90 s. */
async function endpointWithTraffic(caller: Awaited<ReturnType<typeof createOrganization>>, name: string, policy: Record<string, unknown>) {
  const db = await getDb();
  const created = await createEndpoint({ caller, input: { name, model: "acme/chat", instanceType: "cpu-small", ...policy } });
  const createdAt = new Date(now - 2 * 24 * HOUR);
  await db.update(endpoints).set({ createdAt, activeSince: createdAt }).where(eq(endpoints.id, created.id));
  // A request every 10 minutes for half an hour, three times a day.
  const seconds = [];
  for (let day = 0; day < 2; day++) for (const hour of [9, 14, 18]) for (let k = 0; k < 4; k++) seconds.push(createdAt.getTime() + day * 24 * HOUR + hour * HOUR + k * 10 * MIN);
  await db.insert(requestLog).values(seconds.map((s) => ({ endpointId: created.id, second: new Date(s), offsetsMs: [250], serviceMs: [2000], heldMs: [0], statuses: [200] })));
  await db.insert(replicas).values({ id: crypto.randomUUID(), endpointId: created.id, status: "stopped", startedAt: new Date(createdAt.getTime()), readyAt: new Date(createdAt.getTime() + 90_000) });
  // What the ledger says: one replica all along, at the instance type's price.
  const price = (await currentPrice("cpu-small"))!.pricePerHour;
  const rows = [];
  for (let at = createdAt.getTime(); at < now; at += HOUR) rows.push({ endpointId: created.id, resolution: "1h" as const, bucket: new Date(at), billedSeconds: 3600, maxTarget: 1, computeCost: price });
  await db.insert(endpointMetrics).values(rows);
  return created;
}

describe("what if, from an endpoint's recorded traffic", () => {
  it("replays the current policy beside the ledger and the alternatives, and recommends scaling to zero for an idle always-on endpoint", async () => {
    await applyLocalPrices();
    const owner = await createOrganization("What-if Org");
    await endpointWithTraffic(owner, "warm", { minReplicas: 1, maxReplicas: 2 });
    const w = await getWhatIf({ caller: owner, name: "warm", days: 7, now });

    expect(w.requests).toBe(24);
    expect(w.coldStartSeconds).toBe(90);
    expect(w.coldStartMeasured).toBe(true);
    // From creation, two days ago: min 1 is one replica throughout, as the ledger says.
    expect(new Date(w.from).getTime()).toBe(now - 2 * 24 * HOUR);
    expect(w.recorded.replicaHours).toBeCloseTo(48, 6);
    expect(w.current.outcome.replicaHours).toBeCloseTo(48, 1);
    expect(w.agreement.within).toBe(true);
    // The one start at creation, as the controller records it.
    expect(w.current.outcome.coldStarts).toBe(1);

    const tenMinutes = w.points.find((p) => p.policy.minReplicas === 0 && !p.policy.scaleToZeroAuto && p.policy.scaleToZeroMinutes === 10)!;
    const oneMinute = w.points.find((p) => p.policy.minReplicas === 0 && !p.policy.scaleToZeroAuto && p.policy.scaleToZeroMinutes === 1)!;
    // 10 minutes covers the pauses within a session: a cold start per session; 1 minute, one per request.
    expect(tenMinutes.outcome.coldStarts).toBe(1 + 6);
    expect(oneMinute.outcome.coldStarts).toBe(1 + 24);
    expect(oneMinute.outcome.cost).toBeLessThan(tenMinutes.outcome.cost);
    expect(tenMinutes.monthlyCostChange).toBeLessThan(0);
    expect(w.points.find((p) => p.policy.scaleToZeroAuto)).toBeDefined();

    expect(w.recommendation).toMatchObject({ policy: { minReplicas: 0 } });
    expect(w.recommendation!.monthlyCostChange).toBeLessThan(0);
    expect(w.recommendation!.reason).toMatch(/idle \d+ % of the last 7 days/);

    const recommendations = await listRecommendations({ caller: owner, now });
    expect(recommendations.map((r) => r.name)).toEqual(["warm"]);
  });

  it("replays given policies, names bad input, lets a viewer read, and hides a foreign endpoint", async () => {
    await applyLocalPrices();
    const owner = await createOrganization("What-if Rules Org");
    await endpointWithTraffic(owner, "rules", { minReplicas: 0, maxReplicas: 2, scaleToZeroMinutes: 15 });
    const given = await getWhatIf({ caller: owner, name: "rules", days: 1, policies: [{ minReplicas: 1, maxReplicas: 2 }], now });
    expect(given.points.map((p) => p.label)).toEqual(["Current policy", "Min 1"]);
    expect(given.recommendation).toBeNull();

    await expect(getWhatIf({ caller: owner, name: "rules", days: 31, now })).rejects.toMatchObject({ fieldErrors: { days: ["days must be a whole number from 1 to 30."] } });
    await expect(getWhatIf({ caller: owner, name: "rules", policies: [], now })).rejects.toBeInstanceOf(ValidationError);
    await expect(getWhatIf({ caller: owner, name: "rules", policies: [{ minReplicas: 0, maxReplicas: 2 }, { minReplicas: 3, maxReplicas: 2 }], now })).rejects.toMatchObject({
      fieldErrors: { "policies.1.minReplicas": ["Min Accels (3) cannot be above Max Accels (2)."] },
    });

    const viewer = await createMember(owner, "viewer");
    expect((await getWhatIf({ caller: viewer, name: "rules", days: 1, now })).requests).toBeGreaterThan(0);
    const stranger = await createOrganization("Stranger Org");
    await expect(getWhatIf({ caller: stranger, name: "rules", now })).rejects.toBeInstanceOf(NotFoundError);
    expect(await listRecommendations({ caller: stranger, now })).toEqual([]);
  });
});
