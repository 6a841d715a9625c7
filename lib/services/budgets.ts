import { eq } from "drizzle-orm";
import { monthCosts } from "@/lib/costs/month";
import { describeBasis } from "@/lib/costs/projection";
import { getDb } from "@/lib/db";
import { endpoints, organizations } from "@/lib/db/schema";
import { endpointBudgetSchema, formatBudget, organizationBudgetSchema } from "@/lib/domain/budget";
import { parseOrThrow } from "@/lib/domain/validation";
import { assertCan, type Caller } from "./caller";
import { getEndpointByName } from "./endpoints";
import { recordEvent, userActor } from "@/lib/events/record";

export async function setOrganizationBudget({ caller, input }: { caller: Caller; input: unknown }) {
  assertCan(caller, "endpoints.manage");
  const { monthlyBudget } = parseOrThrow(organizationBudgetSchema, input);
  const db = await getDb();
  // A new budget is judged afresh this month.
  await db.update(organizations).set({ monthlyBudget, budgetAlertedMonth: null }).where(eq(organizations.id, caller.organizationId));
}

export async function setEndpointBudget({ caller, name, input }: { caller: Caller; name: string; input: unknown }) {
  assertCan(caller, "endpoints.manage");
  const endpoint = await getEndpointByName({ caller, name });
  const { monthlyBudget, pauseAtBudget } = parseOrThrow(endpointBudgetSchema, input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.update(endpoints).set({ monthlyBudget, pauseAtBudget, budgetAlertedMonth: null }).where(eq(endpoints.id, endpoint.id));
    await recordEvent(tx, {
      endpointId: endpoint.id,
      organizationId: caller.organizationId,
      actor: userActor(caller),
      kind: "budget-set",
      message:
        monthlyBudget === null
          ? "Budget removed"
          : `Monthly budget set to ${formatBudget(monthlyBudget)}${pauseAtBudget ? ", pausing the endpoint when reached" : ""}`,
      before: { monthlyBudget: endpoint.monthlyBudget, pauseAtBudget: endpoint.pauseAtBudget },
      after: { monthlyBudget, pauseAtBudget },
    });
  });
}

/** Budgets against this month's cost and projection, for the banner and the Costs page. */
export async function getBudgetStatus({ caller, now = Date.now() }: { caller: Caller; now?: number }) {
  assertCan(caller, "endpoints.view");
  const db = await getDb();
  const [org] = await db.select({ budget: organizations.monthlyBudget }).from(organizations).where(eq(organizations.id, caller.organizationId));
  const costs = await monthCosts(caller.organizationId, now);
  const projected = costs.reduce((n, c) => n + c.projected, 0);
  const monthToDate = costs.reduce((n, c) => n + c.monthToDate, 0);
  return {
    organization: { budget: org?.budget ?? null, monthToDate, projected, over: org?.budget != null && projected > org.budget },
    endpoints: costs
      .filter((c) => c.endpoint.deletedAt === null)
      .map((c) => ({
        name: c.endpoint.name,
        instanceType: c.endpoint.instanceType,
        budget: c.endpoint.monthlyBudget,
        pauseAtBudget: c.endpoint.pauseAtBudget,
        monthToDate: c.monthToDate,
        projected: c.projected,
        basis: describeBasis(c.basis),
        over: c.endpoint.monthlyBudget !== null && c.projected > c.endpoint.monthlyBudget,
        pausedByBudget: c.endpoint.pauseAtBudget && c.endpoint.monthlyBudget !== null && c.monthToDate >= c.endpoint.monthlyBudget,
      })),
  };
}
