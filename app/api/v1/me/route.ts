import { callerFromRequest } from "@/lib/api/caller";
import { handle } from "@/lib/api/respond";

/** Who the token acts as: the CLI's `ebb login` checks a token with it. */
export const GET = handle(async (request: Request) => {
  const caller = await callerFromRequest(request);
  return Response.json({
    user: { name: caller.name, email: caller.email },
    organization: { name: caller.organizationName, namespace: caller.organizationSlug },
    role: caller.role,
  });
});
