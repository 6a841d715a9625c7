import { eventJson } from "@/lib/api/endpoint-json";
import { endpointView } from "@/lib/api/endpoint-view";
import { handle } from "@/lib/api/respond";
import { getEndpointPrice } from "@/lib/services/prices";
import { startupProgress } from "@/lib/services/startup";
import { getCaller } from "@/lib/auth";
import { UnauthorizedError } from "@/lib/errors";
import { getEndpointByName, listEndpointEvents, resumeBlockedReason } from "@/lib/services/endpoints";
import { publicOrigin } from "@/lib/http/origin";

/** One endpoint and its lifecycle log, for the signed-in session's endpoint page. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ name: string }> }) => {
  const caller = await getCaller();
  if (!caller) throw new UnauthorizedError();
  const { name } = await params;
  const row = await getEndpointByName({ caller, name });
  const events = await listEndpointEvents({ caller, name, limit: 100 });
  return Response.json({ endpoint: endpointView(row, publicOrigin(request.headers), caller, 0, await getEndpointPrice({ caller, endpoint: row }), await resumeBlockedReason(row), await startupProgress(row)), events: events.map(eventJson) });
});
