import { and, eq, isNull } from "drizzle-orm";
import { hashApiToken } from "@/lib/crypto/api-token";
import { getDb } from "@/lib/db";
import { apiTokens } from "@/lib/db/schema";
import { UnauthorizedError } from "@/lib/errors";
import { getCallerByUserId, type Caller } from "@/lib/services/caller";

/**
 * The caller of an API request, from `Authorization: Bearer <API token>`. The token acts as the user
 * who made it, with that user's current role: a demoted or removed member's tokens lose their rights too.
 */
export async function callerFromRequest(request: Request): Promise<Caller> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!token) throw new UnauthorizedError("Send an API token: Authorization: Bearer <token>. Create one under Settings → API tokens.");
  const db = await getDb();
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt)))
    .returning({ userId: apiTokens.userId, organizationId: apiTokens.organizationId });
  const caller = row ? await getCallerByUserId({ userId: row.userId }) : null;
  if (!caller || caller.organizationId !== row?.organizationId) throw new UnauthorizedError("The API token is not valid, or has been revoked.");
  return caller;
}
