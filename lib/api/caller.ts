import { UnauthorizedError } from "@/lib/errors";
import { callerForApiToken } from "@/lib/services/api-tokens";
import type { Caller } from "@/lib/services/caller";

/**
 * The caller of an API request, from `Authorization: Bearer <API token>`. The token acts as the user
 * who made it, with that user's current role: a demoted or removed member's tokens lose their rights too.
 */
export async function callerFromRequest(request: Request): Promise<Caller> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!token) throw new UnauthorizedError("Send an API token: Authorization: Bearer <token>. Create one under Settings → API tokens.");
  const caller = await callerForApiToken(token, { touch: true });
  if (!caller) throw new UnauthorizedError("The API token is not valid, or has been revoked.");
  return caller;
}
