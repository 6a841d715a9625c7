import { readJson } from "@/lib/api/respond";
import { endpointRoute, toJson } from "@/lib/api/routes";
import { setEndpointTags } from "@/lib/services/endpoints";

/** Replaces the endpoint's tags: { "tags": ["nightly", "team-a"] }. */
export const PUT = endpointRoute(async ({ request, caller, name }) => {
  const body = (await readJson(request)) as { tags?: unknown };
  return Response.json(toJson(request, caller, await setEndpointTags({ caller, name, tags: body?.tags })));
});
