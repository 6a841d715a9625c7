import { eventJson } from "@/lib/api/endpoint-json";
import { endpointRoute } from "@/lib/api/routes";
import { ValidationError } from "@/lib/errors";
import { listEndpointEvents } from "@/lib/services/endpoints";

export const GET = endpointRoute(async ({ request, caller, name }) => {
  const raw = new URL(request.url).searchParams.get("limit");
  const limit = raw === null ? 50 : Number(raw);
  if (!/^\d{1,3}$/.test(raw ?? "50") || limit < 1 || limit > 500) throw ValidationError.forField("limit", "limit must be a whole number from 1 to 500.");
  const events = await listEndpointEvents({ caller, name, limit });
  return Response.json({ items: events.map(eventJson) });
});
