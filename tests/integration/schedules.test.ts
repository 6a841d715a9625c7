import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applySchedules } from "@/lib/controller/schedules";
import { endpointEvents } from "@/lib/db/schema";
import { ValidationError } from "@/lib/errors";
import { createEndpoint, getEndpointByName, pauseEndpoint, setEndpointSchedule } from "@/lib/services/endpoints";
import { createOrganization } from "../support/accounts";
import { getDb, withTestDatabase } from "../support/database";

withTestDatabase();

const at = (iso: string) => new Date(iso).getTime();

describe("schedules", () => {
  it("pause and resume an endpoint at the window's edges, in compressed time, and respect a manual change in between", async () => {
    const owner = await createOrganization();
    const created = await createEndpoint({ caller: owner, input: { name: "office", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 2 } });
    await setEndpointSchedule({ caller: owner, name: "office", schedule: { timezone: "UTC", days: [1, 2, 3, 4, 5], start: "08:00", end: "19:00" } });
    const desired = async () => (await getEndpointByName({ caller: owner, name: "office" })).desiredState;

    await applySchedules(at("2026-11-23T07:00:00Z")); // Monday before work
    expect(await desired()).toBe("paused");
    await applySchedules(at("2026-11-23T08:00:00Z"));
    expect(await desired()).toBe("running");

    // Someone pauses it during the day: the schedule leaves it until its next edge.
    await pauseEndpoint({ caller: owner, name: "office" });
    await applySchedules(at("2026-11-23T12:00:00Z"));
    expect(await desired()).toBe("paused");
    await applySchedules(at("2026-11-23T19:00:00Z"));
    expect(await desired()).toBe("paused");
    await applySchedules(at("2026-11-24T08:00:00Z")); // Tuesday morning
    expect(await desired()).toBe("running");
    await applySchedules(at("2026-11-28T10:00:00Z")); // Saturday
    expect(await desired()).toBe("paused");

    const db = await getDb();
    const bySchedule = await db
      .select()
      .from(endpointEvents)
      .where(and(eq(endpointEvents.endpointId, created.id), eq(endpointEvents.actorName, "schedule")));
    expect(bySchedule.map((e) => `${e.at.toISOString()} ${e.kind}`).sort()).toEqual([
      "2026-11-23T07:00:00.000Z paused",
      "2026-11-23T08:00:00.000Z resumed",
      "2026-11-24T08:00:00.000Z resumed",
      "2026-11-28T10:00:00.000Z paused",
    ]);
    expect(bySchedule[0]!.message).toMatch(/Paused by schedule \(Running weekdays 08:00–19:00 UTC, paused otherwise\)/);
  });

  it("refuses a bad schedule and can be removed", async () => {
    const owner = await createOrganization();
    await createEndpoint({ caller: owner, input: { name: "s", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1 } });
    await expect(setEndpointSchedule({ caller: owner, name: "s", schedule: { timezone: "Nowhere/Land", days: [1], start: "08:00", end: "09:00" } })).rejects.toBeInstanceOf(ValidationError);
    await setEndpointSchedule({ caller: owner, name: "s", schedule: null });
    expect((await getEndpointByName({ caller: owner, name: "s" })).schedule).toBeNull();
  });

  it("lets an endpoint its schedule paused run again when the schedule is removed", async () => {
    const owner = await createOrganization();
    await createEndpoint({ caller: owner, input: { name: "night", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1 } });
    await setEndpointSchedule({ caller: owner, name: "night", schedule: { timezone: "UTC", days: [1, 2, 3, 4, 5], start: "08:00", end: "19:00" } });
    await applySchedules(at("2026-11-28T10:00:00Z")); // Saturday: paused by the schedule
    expect((await getEndpointByName({ caller: owner, name: "night" })).desiredState).toBe("paused");
    const removed = await setEndpointSchedule({ caller: owner, name: "night", schedule: null });
    expect(removed.desiredState).toBe("running");
    const db = await getDb();
    const all = await db.select().from(endpointEvents).where(eq(endpointEvents.endpointId, removed.id));
    expect(all.map((e) => e.message)).toContain("Schedule removed: runs at all times (resumed: the schedule had paused it)");

    // Paused by a person, not by the schedule: removing the schedule leaves it paused.
    await setEndpointSchedule({ caller: owner, name: "night", schedule: { timezone: "UTC", days: [1, 2, 3, 4, 5], start: "08:00", end: "19:00" } });
    await pauseEndpoint({ caller: owner, name: "night" });
    expect((await setEndpointSchedule({ caller: owner, name: "night", schedule: null })).desiredState).toBe("paused");
  });
});
