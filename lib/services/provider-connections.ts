import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { decrypt, encrypt, secretKey } from "@/lib/crypto/secrets";
import { getDb } from "@/lib/db";
import { providerConnections } from "@/lib/db/schema";
import { parseOrThrow } from "@/lib/domain/validation";
import { dataDir, env } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { forgetCatalog } from "@/lib/providers/huggingface/catalog-cache";
import { HfApiError, HfClient } from "@/lib/providers/huggingface/client";
import { assertCan, type Caller } from "./caller";

const HUGGING_FACE = "huggingface";

const connectionSchema = z.object({
  token: z.string({ error: "Enter a Hugging Face access token." }).trim().min(8, "Enter a Hugging Face access token, like hf_…").max(500),
  namespace: z
    .string({ error: "Enter the user or organization name." })
    .trim()
    .regex(/^[A-Za-z0-9][\w.-]{0,95}$/, "Enter the user or organization name, as in huggingface.co/NAME."),
});

/** What the console may show of a connection: never the token, only its last 4 characters. */
export interface ConnectionView {
  namespace: string;
  tokenLast4: string;
  updatedAt: Date;
}

export async function saveHuggingFaceConnection({ caller, input }: { caller: Caller; input: unknown }): Promise<ConnectionView> {
  assertCan(caller, "endpoints.manage");
  const { token, namespace } = parseOrThrow(connectionSchema, input);
  const row = {
    organizationId: caller.organizationId,
    provider: HUGGING_FACE,
    namespace,
    tokenEncrypted: encrypt(token, secretKey(dataDir())),
    tokenLast4: token.slice(-4),
    updatedAt: new Date(),
  };
  const db = await getDb();
  await db.insert(providerConnections).values(row).onConflictDoUpdate({ target: [providerConnections.organizationId, providerConnections.provider], set: row });
  forgetCatalog(caller.organizationId);
  return { namespace, tokenLast4: row.tokenLast4, updatedAt: row.updatedAt };
}

/** The organization's stored connection to `provider`, or null. */
export async function providerConnectionRow(organizationId: string, provider: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(providerConnections)
    .where(and(eq(providerConnections.organizationId, organizationId), eq(providerConnections.provider, provider)));
  return row ?? null;
}

const connectionRow = (organizationId: string) => providerConnectionRow(organizationId, HUGGING_FACE);

export async function getHuggingFaceConnection({ caller }: { caller: Caller }): Promise<ConnectionView | null> {
  assertCan(caller, "endpoints.view");
  const row = await connectionRow(caller.organizationId);
  return row ? { namespace: row.namespace, tokenLast4: row.tokenLast4, updatedAt: row.updatedAt } : null;
}

export async function deleteHuggingFaceConnection({ caller }: { caller: Caller }): Promise<void> {
  assertCan(caller, "endpoints.manage");
  const db = await getDb();
  await db.delete(providerConnections).where(and(eq(providerConnections.organizationId, caller.organizationId), eq(providerConnections.provider, HUGGING_FACE)));
  forgetCatalog(caller.organizationId);
}

export async function hasHuggingFaceConnection(organizationId: string): Promise<boolean> {
  return (await connectionRow(organizationId)) !== null;
}

/** A client acting with the organization's stored token, for the provider. */
export async function huggingFaceClientFor(organizationId: string): Promise<HfClient | null> {
  const row = await connectionRow(organizationId);
  if (!row) return null;
  const config = env();
  return new HfClient({
    apiUrl: config.EBB_HF_API_URL,
    hubUrl: config.EBB_HF_HUB_URL,
    token: decrypt(row.tokenEncrypted, secretKey(dataDir())),
    namespace: row.namespace,
    // Enough that a burst of 429s or 5xx rarely reaches the user; the controller retries beyond.
    maxAttempts: 5,
  });
}

/** The organization's Hugging Face token, for the gateway's requests to its endpoints' URLs only. */
export async function huggingFaceToken(organizationId: string): Promise<string | null> {
  const row = await connectionRow(organizationId);
  return row ? decrypt(row.tokenEncrypted, secretKey(dataDir())) : null;
}

export type ConnectionTest = { ok: true; name: string; namespace: string } | { ok: false; message: string };

/** Calls whoami with the stored token: the account's name, or the provider's own message. */
export async function testHuggingFaceConnection({ caller }: { caller: Caller }): Promise<ConnectionTest> {
  assertCan(caller, "endpoints.manage");
  const client = await huggingFaceClientFor(caller.organizationId);
  if (!client) throw new NotFoundError("No Hugging Face connection is configured.");
  const row = (await connectionRow(caller.organizationId))!;
  try {
    const me = await client.whoami();
    return { ok: true, name: me.name, namespace: row.namespace };
  } catch (error) {
    if (error instanceof HfApiError) return { ok: false, message: error.providerMessage };
    throw error;
  }
}
