import { countParam } from "@/lib/api/count-param";
import { eventJson } from "@/lib/api/endpoint-json";
import { endpointRoute } from "@/lib/api/routes";
import { listEndpointEvents } from "@/lib/services/endpoints";

export const GET = endpointRoute(async ({ request, caller, name }) => {
  const events = await listEndpointEvents({ caller, name, limit: countParam(request, "limit", 50) });
  return Response.json({ items: events.map(eventJson) });
});
