import { endpointView } from "@/lib/api/endpoint-view";
import { handle } from "@/lib/api/respond";
import { getCaller } from "@/lib/auth";
import { UnauthorizedError } from "@/lib/errors";
import { listEndpoints } from "@/lib/services/endpoints";
import { getCostToday } from "@/lib/services/metrics";
import { publicOrigin } from "@/lib/http/origin";

/** The console's live list, for the signed-in session (the REST API takes tokens instead). */
export const GET = handle(async (request: Request) => {
  const caller = await getCaller();
  if (!caller) throw new UnauthorizedError();
  const origin = publicOrigin(request.headers);
  const costs = await getCostToday({ caller });
  return Response.json({ items: (await listEndpoints({ caller })).map((row) => endpointView(row, origin, caller, costs[row.name])) });
});
