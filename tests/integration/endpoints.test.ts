import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { endpointEvents, endpoints } from "@/lib/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  createEndpoint,
  deleteEndpoint,
  getEndpointByName,
  listEndpointEvents,
  listEndpoints,
  pauseEndpoint,
  resumeEndpoint,
  scaleEndpointToZero,
  setEndpointTags,
  updateEndpointPolicy,
} from "@/lib/services/endpoints";
import { createMember, createOrganization } from "../support/accounts";
import { getDb, withTestDatabase } from "../support/database";

withTestDatabase();

const valid = { name: "chat", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 2 };

async function endpointCount(organizationId: string) {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(endpoints).where(eq(endpoints.organizationId, organizationId));
  return row!.n;
}

async function fieldsOf(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return Object.keys((error as ValidationError).fieldErrors).sort();
}

describe("endpoints", () => {
  it("creates an endpoint with its policy and logs who did it", async () => {
    const owner = await createOrganization();
    const row = await createEndpoint({ caller: owner, input: { ...valid, scaleToZeroMinutes: 5, targetConcurrency: 8 } });
    expect(row).toMatchObject({ autoscaling: true, minReplicas: 0, maxReplicas: 2, scaleToZeroSeconds: 300, targetConcurrency: 8, desiredState: "running" });
    const fixed = await createEndpoint({ caller: owner, input: { ...valid, name: "fixed", autoscaling: false, minReplicas: 4, maxReplicas: 4 } });
    expect(fixed).toMatchObject({ autoscaling: false, minReplicas: 4, maxReplicas: 4 });
    const [event] = await listEndpointEvents({ caller: owner, name: "chat" });
    expect(event).toMatchObject({ actorType: "user", actorName: owner.email, kind: "created" });
  });

  it("refuses bad input naming each field, and creates nothing", async () => {
    const owner = await createOrganization();
    const attempts: Array<[Record<string, unknown>, string[]]> = [
      [{ minReplicas: 3, maxReplicas: 2 }, ["minReplicas"]],
      [{ minReplicas: -1 }, ["minReplicas"]],
      [{ maxReplicas: 1.5 }, ["maxReplicas"]],
      [{ maxReplicas: 21 }, ["maxReplicas"]],
      [{ maxReplicas: 0 }, ["maxReplicas"]],
      [{ name: "Bad_Name" }, ["name"]],
      [{ name: "-x" }, ["name"]],
      [{ instanceType: "gpu-h100-x9" }, ["instanceType"]],
      [{ model: "no-slash" }, ["model"]],
      [{ minReplicas: "two" }, ["minReplicas"]],
    ];
    for (const [patch, fields] of attempts) {
      expect(await fieldsOf(createEndpoint({ caller: owner, input: { ...valid, ...patch } }))).toEqual(fields);
    }
    expect(await endpointCount(owner.organizationId)).toBe(0);
    await createEndpoint({ caller: owner, input: valid });
    expect(await fieldsOf(createEndpoint({ caller: owner, input: valid }))).toEqual(["name"]);
    expect(await endpointCount(owner.organizationId)).toBe(1);
  });

  it("changes the policy only with valid input, and logs before and after", async () => {
    const owner = await createOrganization();
    await createEndpoint({ caller: owner, input: valid });
    expect(await fieldsOf(updateEndpointPolicy({ caller: owner, name: "chat", input: { minReplicas: 5, maxReplicas: 3 } }))).toEqual(["minReplicas"]);
    expect(await getEndpointByName({ caller: owner, name: "chat" })).toMatchObject({ minReplicas: 0, maxReplicas: 2 });
    await updateEndpointPolicy({ caller: owner, name: "chat", input: { minReplicas: 2, maxReplicas: 10 } });
    const [event] = await listEndpointEvents({ caller: owner, name: "chat", limit: 1 });
    expect(event).toMatchObject({ kind: "policy-updated", before: { minReplicas: 0, maxReplicas: 2 }, after: { minReplicas: 2, maxReplicas: 10 } });
  });

  it("follows the roles: viewers read, members operate, admins manage", async () => {
    const owner = await createOrganization();
    await createEndpoint({ caller: owner, input: valid });
    const viewer = await createMember(owner, "viewer");
    const member = await createMember(owner, "member");
    expect(await listEndpoints({ caller: viewer })).toHaveLength(1);
    await expect(pauseEndpoint({ caller: viewer, name: "chat" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createEndpoint({ caller: member, input: { ...valid, name: "other" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteEndpoint({ caller: member, name: "chat" })).rejects.toBeInstanceOf(ForbiddenError);
    await pauseEndpoint({ caller: member, name: "chat" });
    expect((await getEndpointByName({ caller: owner, name: "chat" })).desiredState).toBe("paused");
  });

  it("treats another organization's endpoint as not found and leaves it alone", async () => {
    const ours = await createOrganization();
    const theirs = await createOrganization();
    await createEndpoint({ caller: theirs, input: valid });
    expect(await listEndpoints({ caller: ours })).toHaveLength(0);
    for (const action of [getEndpointByName, pauseEndpoint, resumeEndpoint, scaleEndpointToZero, deleteEndpoint]) {
      await expect(action({ caller: ours, name: "chat" })).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(updateEndpointPolicy({ caller: ours, name: "chat", input: { minReplicas: 1, maxReplicas: 1 } })).rejects.toBeInstanceOf(NotFoundError);
    expect(await getEndpointByName({ caller: theirs, name: "chat" })).toMatchObject({ desiredState: "running", maxReplicas: 2 });
  });

  it("refuses actions that make no sense in the current state", async () => {
    const owner = await createOrganization();
    await createEndpoint({ caller: owner, input: { ...valid, minReplicas: 1 } });
    await expect(resumeEndpoint({ caller: owner, name: "chat" })).rejects.toBeInstanceOf(ConflictError);
    await expect(scaleEndpointToZero({ caller: owner, name: "chat" })).rejects.toThrow(/Min Accels is above 0/);
    await pauseEndpoint({ caller: owner, name: "chat" });
    await expect(pauseEndpoint({ caller: owner, name: "chat" })).rejects.toThrow(/already paused/);
  });

  it("deletes an endpoint but keeps its history, and frees its name", async () => {
    const owner = await createOrganization();
    const first = await createEndpoint({ caller: owner, input: valid });
    await pauseEndpoint({ caller: owner, name: "chat" });
    await deleteEndpoint({ caller: owner, name: "chat" });
    await expect(getEndpointByName({ caller: owner, name: "chat" })).rejects.toBeInstanceOf(NotFoundError);
    const db = await getDb();
    const [kept] = await db.select().from(endpoints).where(eq(endpoints.id, first.id));
    expect(kept!.deletedAt).not.toBeNull();
    const events = await db.select().from(endpointEvents).where(eq(endpointEvents.endpointId, first.id));
    expect(events.map((e) => e.kind).sort()).toEqual(["created", "deleted", "paused"]);
    const second = await createEndpoint({ caller: owner, input: valid });
    expect(second.id).not.toBe(first.id);
  });
});

describe("endpoint tags", () => {
  it("are kept sorted and unique, filter the list, and are validated", async () => {
    const owner = await createOrganization();
    await createEndpoint({ caller: owner, input: { ...valid, name: "a", tags: ["nightly", "team-a", "nightly"] } });
    await createEndpoint({ caller: owner, input: { ...valid, name: "b", tags: ["team-a"] } });
    await createEndpoint({ caller: owner, input: { ...valid, name: "c" } });
    expect((await getEndpointByName({ caller: owner, name: "a" })).tags).toEqual(["nightly", "team-a"]);
    expect((await listEndpoints({ caller: owner, tag: "team-a" })).map((e) => e.name)).toEqual(["a", "b"]);
    expect((await listEndpoints({ caller: owner, tag: "nightly" })).map((e) => e.name)).toEqual(["a"]);
    expect(await fieldsOf(createEndpoint({ caller: owner, input: { ...valid, name: "d", tags: ["Bad Tag"] } }))).toEqual(["tags.0"]);

    await setEndpointTags({ caller: owner, name: "c", tags: ["nightly"] });
    expect((await listEndpoints({ caller: owner, tag: "nightly" })).map((e) => e.name)).toEqual(["a", "c"]);
    const [event] = await listEndpointEvents({ caller: owner, name: "c", limit: 1 });
    expect(event).toMatchObject({ kind: "tags", message: "Tags set to nightly" });

    const other = await createOrganization();
    expect(await listEndpoints({ caller: other, tag: "nightly" })).toEqual([]);
    await expect(setEndpointTags({ caller: other, name: "c", tags: [] })).rejects.toBeInstanceOf(NotFoundError);
  });
});
