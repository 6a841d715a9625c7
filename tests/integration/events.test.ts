import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { eventJson } from "@/lib/api/endpoint-json";
import { endpointEvents } from "@/lib/db/schema";
import { AUTOSCALER, BUDGET, CONTROLLER, PROVIDER, recordEvent, recordStateChange, SCHEDULE, userActor, type Actor } from "@/lib/events/record";
import { callerForApiToken, createApiToken } from "@/lib/services/api-tokens";
import { createEndpoint, listEndpointEvents, pauseEndpoint } from "@/lib/services/endpoints";
import { createOrganization } from "../support/accounts";
import { getDb, withTestDatabase } from "../support/database";

withTestDatabase();

describe("lifecycle events", () => {
  it("carry their actor, shown as the log shows it, for each kind of actor", async () => {
    const owner = await createOrganization("Events Org");
    const endpoint = await createEndpoint({ caller: owner, input: { name: "logged", model: "acme/m", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1 } });
    const actors: Array<[Actor, string, string]> = [
      [userActor(owner), "user", owner.email],
      [userActor({ ...owner, tokenName: "nightly-ci" }), "user", `${owner.email} (API token "nightly-ci")`],
      [AUTOSCALER, "autoscaler", "Autoscaler"],
      [CONTROLLER, "controller", "Ebb"],
      [SCHEDULE, "controller", "Schedule"],
      [BUDGET, "controller", "Budget limit"],
      [PROVIDER, "provider", "Provider"],
    ];
    const db = await getDb();
    for (const [actor, actorType, shown] of actors) {
      await db.delete(endpointEvents).where(eq(endpointEvents.endpointId, endpoint.id));
      await recordEvent(null, { endpointId: endpoint.id, organizationId: owner.organizationId, actor, kind: "test", message: "m" });
      const [event] = await listEndpointEvents({ caller: owner, name: "logged" });
      expect(event!.actorType).toBe(actorType);
      expect(eventJson(event!).actor).toBe(shown);
      expect(event!.actorId).toBe(actor.kind === "user" ? owner.userId : null);
    }
  });

  it("name the API token a change came with", async () => {
    const owner = await createOrganization("Token Events Org");
    const { token } = await createApiToken({ caller: owner, name: "deploy-bot" });
    const viaToken = (await callerForApiToken(token))!;
    expect(viaToken).toMatchObject({ userId: owner.userId, organizationId: owner.organizationId, role: "owner", tokenName: "deploy-bot" });
    await createEndpoint({ caller: viaToken, input: { name: "scripted", model: "acme/m", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1 } });
    const [created] = await listEndpointEvents({ caller: owner, name: "scripted" });
    expect(eventJson(created!).actor).toBe(`${owner.email} (API token "deploy-bot")`);
    expect(await callerForApiToken("ebb_not-a-token")).toBeNull();
    expect(await callerForApiToken("bad\u0000token")).toBeNull();
  });

  it("are written in the transaction of their change: a failed change leaves no event", async () => {
    const owner = await createOrganization("Atomic Events Org");
    const endpoint = await createEndpoint({ caller: owner, input: { name: "atomic", model: "acme/m", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1 } });
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await recordEvent(tx, { endpointId: endpoint.id, organizationId: owner.organizationId, actor: SCHEDULE, kind: "paused", message: "would pause" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect((await listEndpointEvents({ caller: owner, name: "atomic" })).map((e) => e.kind)).toEqual(["created"]);

    // A person's change records them; a state change reads as the UI says it.
    await pauseEndpoint({ caller: owner, name: "atomic" });
    await recordStateChange(null, endpoint, CONTROLLER, "running", "failed", "it broke");
    const [state, paused] = await listEndpointEvents({ caller: owner, name: "atomic" });
    expect(paused).toMatchObject({ kind: "paused", actorType: "user", actorName: owner.email });
    expect(state).toMatchObject({ kind: "state", actorType: "controller", message: "Running → Failed: it broke", before: { state: "running" }, after: { state: "failed" } });
  });
});
