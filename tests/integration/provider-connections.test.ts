import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerConnections } from "@/lib/db/schema";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import {
  getHuggingFaceConnection,
  saveHuggingFaceConnection,
  testHuggingFaceConnection,
} from "@/lib/services/provider-connections";
import { createMember, createOrganization } from "../support/accounts";
import { getDb, withTestDatabase } from "../support/database";
import { startContractServer } from "../support/hf-contract-server";

withTestDatabase();

const TOKEN = "hf_realTokenValue1234";
let server: Awaited<ReturnType<typeof startContractServer>>;

beforeAll(async () => {
  server = await startContractServer({ token: TOKEN, user: "alice" });
  process.env.EBB_SECRET_KEY = "a-test-secret-key-of-enough-length";
  process.env.EBB_HF_API_URL = server.api;
  process.env.EBB_HF_HUB_URL = server.hub;
});

afterAll(async () => {
  await server.close();
});

describe("Hugging Face connections", () => {
  it("stores the token encrypted and shows only its last 4 characters", async () => {
    const owner = await createOrganization();
    const view = await saveHuggingFaceConnection({ caller: owner, input: { token: TOKEN, namespace: "alice" } });
    expect(view).toEqual({ namespace: "alice", tokenLast4: "1234", updatedAt: expect.any(Date) });
    const db = await getDb();
    const [row] = await db.select().from(providerConnections).where(eq(providerConnections.organizationId, owner.organizationId));
    expect(row!.tokenEncrypted).not.toContain(TOKEN);
    expect(row!.tokenEncrypted).not.toContain("realTokenValue");
    expect(JSON.stringify(await getHuggingFaceConnection({ caller: owner }))).not.toContain("realTokenValue");
    expect(await testHuggingFaceConnection({ caller: owner })).toEqual({ ok: true, name: "alice", namespace: "alice" });
  });

  it("reports the provider's own message for a wrong token", async () => {
    const owner = await createOrganization();
    await saveHuggingFaceConnection({ caller: owner, input: { token: "hf_wrongwrongwrong", namespace: "alice" } });
    expect(await testHuggingFaceConnection({ caller: owner })).toEqual({ ok: false, message: "Invalid user token." });
  });

  it("lets only admins set it, validates it, and keeps it to the organization", async () => {
    const owner = await createOrganization();
    const viewer = await createMember(owner, "viewer");
    await expect(saveHuggingFaceConnection({ caller: viewer, input: { token: TOKEN, namespace: "alice" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(saveHuggingFaceConnection({ caller: owner, input: { token: "x", namespace: "not a name" } })).rejects.toBeInstanceOf(ValidationError);
    await saveHuggingFaceConnection({ caller: owner, input: { token: TOKEN, namespace: "alice" } });
    const other = await createOrganization();
    expect(await getHuggingFaceConnection({ caller: other })).toBeNull();
  });
});
