import { and, eq, isNotNull, isNull, or } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { endpoints, organizations, type EndpointRow } from "@/lib/db/schema";
import { formatBudget } from "@/lib/domain/budget";
import { notifyEndpointChanged } from "@/lib/endpoint-changes";
import { monthCosts, monthKey } from "./month";
import { BUDGET, recordEvent } from "@/lib/events/record";

/**
 * Announces, once a month each, a projection that crosses an organization's or an endpoint's budget,
 * and pauses endpoints set to pause once their month-to-date cost reaches their budget.
 */
export async function enforceBudgets(now = Date.now()): Promise<void> {
  const db = await getDb();
  const month = monthKey(now);
  const withBudgets = await db
    .selectDistinct({ id: organizations.id, budget: organizations.monthlyBudget, alerted: organizations.budgetAlertedMonth })
    .from(organizations)
    .leftJoin(endpoints, and(eq(endpoints.organizationId, organizations.id), isNull(endpoints.deletedAt)))
    .where(or(isNotNull(organizations.monthlyBudget), isNotNull(endpoints.monthlyBudget)));

  for (const org of withBudgets) {
    const costs = await monthCosts(org.id, now);
    const live = costs.filter((c) => c.endpoint.deletedAt === null);
    const projected = costs.reduce((n, c) => n + c.projected, 0);
    if (org.budget !== null && projected > org.budget && org.alerted !== month) {
      await db.transaction(async (tx) => {
        await tx.update(organizations).set({ budgetAlertedMonth: month }).where(eq(organizations.id, org.id));
        for (const { endpoint } of live) {
          await recordEvent(tx, {
            endpointId: endpoint.id,
            organizationId: org.id,
            actor: BUDGET,
            kind: "budget",
            message: `The organization's projected month, ${formatBudget(projected)}, crosses its monthly budget of ${formatBudget(org.budget!)}`,
          });
        }
      });
    }
    for (const { endpoint, monthToDate, projected: own } of live) {
      const budget = endpoint.monthlyBudget;
      if (budget === null) continue;
      if (own > budget && endpoint.budgetAlertedMonth !== month) {
        await db.transaction(async (tx) => {
          await tx.update(endpoints).set({ budgetAlertedMonth: month }).where(eq(endpoints.id, endpoint.id));
          await recordEvent(tx, {
            endpointId: endpoint.id,
            organizationId: org.id,
            actor: BUDGET,
            kind: "budget",
            message: `Projected month ${formatBudget(own)} crosses this endpoint's budget of ${formatBudget(budget)}`,
          });
        });
      }
      if (budgetReached(endpoint, monthToDate) && endpoint.desiredState === "running") {
        await db.transaction(async (tx) => {
          await tx.update(endpoints).set({ desiredState: "paused", updatedAt: new Date(now) }).where(eq(endpoints.id, endpoint.id));
          await recordEvent(tx, {
            endpointId: endpoint.id,
            organizationId: org.id,
            actor: BUDGET,
            kind: "paused",
            message: `Paused: this month's cost, ${formatBudget(monthToDate)}, reached the budget of ${formatBudget(budget)}`,
            before: { desiredState: "running" },
            after: { desiredState: "paused" },
          });
        });
        notifyEndpointChanged(endpoint.id);
      }
    }
  }
}

/** True when the endpoint is set to pause at its budget and this month's cost has reached it. */
function budgetReached(endpoint: Pick<EndpointRow, "pauseAtBudget" | "monthlyBudget">, monthToDate: number): boolean {
  return endpoint.pauseAtBudget && endpoint.monthlyBudget !== null && monthToDate >= endpoint.monthlyBudget;
}

/** `budgetReached`, reading this month's cost. */
export async function heldByBudget(endpoint: EndpointRow, now = Date.now()): Promise<boolean> {
  // Not set to pause at a budget at all (no cost could reach it): no need to read the month's cost.
  if (!budgetReached(endpoint, Infinity)) return false;
  const own = (await monthCosts(endpoint.organizationId, now)).find((c) => c.endpoint.id === endpoint.id);
  return !!own && budgetReached(endpoint, own.monthToDate);
}
