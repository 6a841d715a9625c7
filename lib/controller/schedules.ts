import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { endpoints } from "@/lib/db/schema";
import { describeSchedule, scheduledState } from "@/lib/domain/schedule";
import { notifyEndpointChanged } from "@/lib/endpoint-changes";
import { heldByBudget } from "@/lib/costs/budget-check";
import { recordEvent, SCHEDULE } from "@/lib/events/record";

/**
 * Pauses and resumes endpoints by their schedules. A schedule acts when its window changes (or when it
 * was just set), so a person who resumes a paused-by-schedule endpoint keeps it running until the next
 * change of window.
 */
export async function applySchedules(now = Date.now()): Promise<void> {
  const db = await getDb();
  const scheduled = await db.select().from(endpoints).where(and(isNotNull(endpoints.schedule), isNull(endpoints.deletedAt)));
  for (const endpoint of scheduled) {
    const want = scheduledState(endpoint.schedule!, new Date(now));
    if (endpoint.scheduleApplied === want) continue;
    // A window that opens does not undo a pause at budget: the endpoint waits for next month or a new budget.
    const held = want === "running" && endpoint.desiredState === "paused" && (await heldByBudget(endpoint, now));
    const change = endpoint.desiredState !== want && !held;
    const [kind, words] = want === "paused" ? ["paused", "Paused"] : ["resumed", "Resumed"];
    const event = change
      ? { kind, message: `${words} by schedule (${describeSchedule(endpoint.schedule!)})`, before: { desiredState: endpoint.desiredState }, after: { desiredState: want } }
      : held
        ? { kind: "schedule", message: "The schedule's window opened, but the endpoint stays paused: this month's cost reached its budget" }
        : null;
    await db.transaction(async (tx) => {
      await tx
        .update(endpoints)
        .set({ scheduleApplied: want, ...(change ? { desiredState: want, updatedAt: new Date(now), ...(want === "running" ? { scaleToZeroRequestedAt: null, activeSince: new Date(now) } : {}) } : {}) })
        .where(eq(endpoints.id, endpoint.id));
      if (event) {
        await recordEvent(tx, { endpointId: endpoint.id, organizationId: endpoint.organizationId, actor: SCHEDULE, at: new Date(now), ...event });
      }
    });
    if (change) notifyEndpointChanged(endpoint.id);
  }
}
