import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { enforceBudgets } from "@/lib/costs/budget-check";
import { monthStart } from "@/lib/costs/month";
import { applyLocalPrices } from "@/lib/costs/prices";
import { rollUpEndpoint } from "@/lib/costs/rollup";
import { endpointEvents, endpoints, replicaSamples } from "@/lib/db/schema";
import { ValidationError } from "@/lib/errors";
import { getBudgetStatus, setEndpointBudget, setOrganizationBudget } from "@/lib/services/budgets";
import { applySchedules } from "@/lib/controller/schedules";
import { createEndpoint, getEndpointByName, resumeEndpoint, setEndpointSchedule } from "@/lib/services/endpoints";
import { createMember, createOrganization } from "../support/accounts";
import { getDb, withTestDatabase } from "../support/database";

withTestDatabase();

describe("budgets", () => {
  it("announces a crossing once, and pauses an endpoint that reached its budget", async () => {
    const db = await getDb();
    await applyLocalPrices();
    const owner = await createOrganization();
    const created = await createEndpoint({ caller: owner, input: { name: "spender", model: "acme/chat", instanceType: "cpu-large", autoscaling: false, minReplicas: 2, maxReplicas: 2 } });
    const now = Date.now();
    const start = Math.max(now - 30 * 60_000, monthStart(now) + 60_000);
    await db.update(endpoints).set({ createdAt: new Date(start) }).where(eq(endpoints.id, created.id));
    await db.insert(replicaSamples).values({ endpointId: created.id, at: new Date(start), ready: 2, target: 2 });
    const [row] = await db.select().from(endpoints).where(eq(endpoints.id, created.id));
    await rollUpEndpoint(row!, now);

    const before = await getBudgetStatus({ caller: owner, now });
    const spent = before.endpoints[0]!.monthToDate;
    expect(spent).toBeGreaterThan(0);
    expect(before.organization.over).toBe(false);

    await setOrganizationBudget({ caller: owner, input: { monthlyBudget: spent / 2 } });
    await setEndpointBudget({ caller: owner, name: "spender", input: { monthlyBudget: spent / 2, pauseAtBudget: true } });
    const status = await getBudgetStatus({ caller: owner, now });
    expect(status.organization.over).toBe(true);
    expect(status.endpoints[0]).toMatchObject({ over: true, pausedByBudget: true });

    await enforceBudgets(now);
    await enforceBudgets(now); // a second pass announces nothing new
    expect((await getEndpointByName({ caller: owner, name: "spender" })).desiredState).toBe("paused");
    const events = await db
      .select()
      .from(endpointEvents)
      .where(and(eq(endpointEvents.endpointId, created.id), eq(endpointEvents.actorName, "budget")));
    const messages = events.map((e) => e.message);
    expect(messages.filter((m) => m.includes("organization's projected month"))).toHaveLength(1);
    expect(messages.filter((m) => m.includes("crosses this endpoint's budget"))).toHaveLength(1);
    expect(messages.filter((m) => m.startsWith("Paused: this month's cost"))).toHaveLength(1);

    // A schedule whose window opens now does not resume it.
    const hour = new Date(now).getUTCHours();
    const hh = (h: number) => `${String(h % 24).padStart(2, "0")}:00`;
    await setEndpointSchedule({ caller: owner, name: "spender", schedule: { timezone: "UTC", days: [1, 2, 3, 4, 5, 6, 7], start: hh(hour), end: hh(hour + 2) } });
    await applySchedules(now);
    expect((await getEndpointByName({ caller: owner, name: "spender" })).desiredState).toBe("paused");
    const bySchedule = await db.select().from(endpointEvents).where(and(eq(endpointEvents.endpointId, created.id), eq(endpointEvents.actorName, "schedule")));
    expect(bySchedule.map((e) => e.message)).toEqual(["The schedule's window opened, but the endpoint stays paused: this month's cost reached its budget"]);

    // Resume would be undone at the next pass: it is refused, saying why and what to do.
    await expect(resumeEndpoint({ caller: owner, name: "spender" })).rejects.toThrow(/reached the endpoint's budget of .*raise the budget or turn off pausing at it on the Costs page/);
    expect((await getEndpointByName({ caller: owner, name: "spender" })).desiredState).toBe("paused");
    await setEndpointBudget({ caller: owner, name: "spender", input: { monthlyBudget: spent * 10, pauseAtBudget: true } });
    await resumeEndpoint({ caller: owner, name: "spender" });
    expect((await getEndpointByName({ caller: owner, name: "spender" })).desiredState).toBe("running");
  });

  it("takes budgets from admins only, as non-negative amounts", async () => {
    const owner = await createOrganization();
    await createEndpoint({ caller: owner, input: { name: "e", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1 } });
    const member = await createMember(owner, "member");
    await expect(setOrganizationBudget({ caller: member, input: { monthlyBudget: 10 } })).rejects.toThrow(/role/);
    await expect(setEndpointBudget({ caller: owner, name: "e", input: { monthlyBudget: -1 } })).rejects.toBeInstanceOf(ValidationError);
    await expect(setEndpointBudget({ caller: owner, name: "e", input: { monthlyBudget: "ten" } })).rejects.toBeInstanceOf(ValidationError);
    await setEndpointBudget({ caller: owner, name: "e", input: { monthlyBudget: null } });
    expect((await getBudgetStatus({ caller: owner })).endpoints[0]!.budget).toBeNull();
  });
});
