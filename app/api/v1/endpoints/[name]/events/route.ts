import { eventJson } from "@/lib/api/endpoint-json";
import { endpointRoute } from "@/lib/api/routes";
import { listEndpointEvents } from "@/lib/services/endpoints";

export const GET = endpointRoute(async ({ request, caller, name }) => {
  const limit = Number(new URL(request.url).searchParams.get("limit") ?? 50);
  const events = await listEndpointEvents({ caller, name, limit: Number.isFinite(limit) ? limit : 50 });
  return Response.json({ items: events.map(eventJson) });
});
