import { afterAll, describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { createEndpoint, deleteEndpoint, listEndpoints, updateEndpointPolicy } from "@/lib/services/endpoints";
import { createOrganization } from "../support/accounts";
import { withTestDatabase } from "../support/database";

// The operator's quotas, read once from the environment: small ones to reach.
process.env.EBB_QUOTA_ENDPOINTS = "3";
process.env.EBB_QUOTA_REPLICAS = "6";
afterAll(() => {
  delete process.env.EBB_QUOTA_ENDPOINTS;
  delete process.env.EBB_QUOTA_REPLICAS;
});

withTestDatabase();

const endpoint = (name: string, maxReplicas: number) => ({ name, model: "acme/m", instanceType: "cpu-small", minReplicas: 0, maxReplicas });

async function fieldError(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

describe("organization quotas", () => {
  it("refuses an endpoint past the quota of endpoints, naming the field and the quota, and creates nothing", async () => {
    const owner = await createOrganization("Quota Org");
    for (const name of ["a", "b", "c"]) await createEndpoint({ caller: owner, input: endpoint(name, 1) });
    const errors = await fieldError(createEndpoint({ caller: owner, input: endpoint("d", 1) }));
    expect(errors.name?.[0]).toMatch(/3 endpoints, its quota/);
    expect((await listEndpoints({ caller: owner })).map((e) => e.name)).toEqual(["a", "b", "c"]);
    // A deleted endpoint gives its place back; another organization has its own quota.
    await deleteEndpoint({ caller: owner, name: "c" });
    await createEndpoint({ caller: owner, input: endpoint("d", 1) });
    const other = await createOrganization("Other Quota Org");
    await createEndpoint({ caller: other, input: endpoint("a", 1) });
  });

  it("counts Max Accels across the organization's endpoints, at creation and when scaling", async () => {
    const owner = await createOrganization("Replica Quota Org");
    await createEndpoint({ caller: owner, input: endpoint("big", 4) });
    const tooMany = await fieldError(createEndpoint({ caller: owner, input: endpoint("more", 3) }));
    expect(tooMany.maxReplicas?.[0]).toMatch(/quota is 6 replicas in total.*at most 2 here/);
    await createEndpoint({ caller: owner, input: endpoint("more", 2) });
    const scaled = await fieldError(updateEndpointPolicy({ caller: owner, name: "big", input: { minReplicas: 0, maxReplicas: 5 } }));
    expect(scaled.maxReplicas?.[0]).toMatch(/at most 4 here/);
    expect((await listEndpoints({ caller: owner })).find((e) => e.name === "big")?.maxReplicas).toBe(4);
    // Scaling within the quota, its own replicas not counted twice.
    await updateEndpointPolicy({ caller: owner, name: "big", input: { minReplicas: 1, maxReplicas: 4 } });
  });
});
