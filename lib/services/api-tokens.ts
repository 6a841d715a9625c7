import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { generateApiToken, hashApiToken } from "@/lib/crypto/api-token";
import { getDb } from "@/lib/db";
import { apiTokens, memberships, organizations, users } from "@/lib/db/schema";
import { parseOrThrow } from "@/lib/domain/validation";
import { NotFoundError } from "@/lib/errors";
import { CALLER_COLUMNS, type Caller } from "./caller";

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

/**
 * The one verifier of API tokens, for REST, the compatible API and the gateway: the caller a token acts
 * as — its user, with their current role in the token's organization. Null for an unknown or revoked
 * token, or one whose user is no longer a member there (a removed member's tokens stop at once).
 * `touch` records the use (the management APIs); the gateway's hot path does not write.
 */
export async function callerForApiToken(token: string, { touch = false }: { touch?: boolean } = {}): Promise<Caller | null> {
  if (!/^[\x21-\x7e]{1,200}$/.test(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ tokenId: apiTokens.id, tokenName: apiTokens.name, ...CALLER_COLUMNS })
    .from(apiTokens)
    .innerJoin(memberships, and(eq(memberships.userId, apiTokens.userId), eq(memberships.organizationId, apiTokens.organizationId)))
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(organizations, eq(organizations.id, apiTokens.organizationId))
    .where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  if (touch) await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
  const { tokenId: _tokenId, ...caller } = row;
  return caller;
}
