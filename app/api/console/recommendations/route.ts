import { handle } from "@/lib/api/respond";
import { getCaller } from "@/lib/auth";
import { UnauthorizedError } from "@/lib/errors";
import { listRecommendations } from "@/lib/services/what-if";

/** The dashboard's recommendations: each endpoint whose last 7 days suggest another policy. */
export const GET = handle(async () => {
  const caller = await getCaller();
  if (!caller) throw new UnauthorizedError();
  return Response.json({ items: await listRecommendations({ caller }) });
});
