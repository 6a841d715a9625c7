import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { generateApiToken, hashApiToken } from "@/lib/crypto/api-token";
import { getDb } from "@/lib/db";
import { apiTokens } from "@/lib/db/schema";
import { parseOrThrow } from "@/lib/domain/validation";
import { NotFoundError } from "@/lib/errors";
import type { Caller } from "./caller";

const tokenName = z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(64, "Use at most 64 characters.");

/** Creates a token acting as the caller in their organization. The secret is returned here only. */
export async function createApiToken({ caller, name }: { caller: Caller; name: unknown }) {
  const validName = parseOrThrow(z.object({ name: tokenName }), { name }).name;
  const token = generateApiToken();
  const db = await getDb();
  const [row] = await db
    .insert(apiTokens)
    .values({
      organizationId: caller.organizationId,
      userId: caller.userId,
      name: validName,
      tokenHash: hashApiToken(token),
      prefix: token.slice(0, 10),
    })
    .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt });
  return { ...row!, token };
}

export async function listApiTokens({ caller }: { caller: Caller }) {
  const db = await getDb();
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.organizationId, caller.organizationId), eq(apiTokens.userId, caller.userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken({ caller, id }: { caller: Caller; id: string }) {
  const db = await getDb();
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.organizationId, caller.organizationId), eq(apiTokens.userId, caller.userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (revoked.length === 0) throw new NotFoundError("No such API token.");
}
