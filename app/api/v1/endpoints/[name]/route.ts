import { readJson } from "@/lib/api/respond";
import { endpointRoute, toJson } from "@/lib/api/routes";
import { deleteEndpoint, getEndpointByName, updateEndpointPolicy } from "@/lib/services/endpoints";

export const GET = endpointRoute(async ({ request, caller, name }) => Response.json(toJson(request, caller, await getEndpointByName({ caller, name }))));

/** Replaces the scaling policy: { autoscaling, minReplicas, maxReplicas, scaleToZeroMinutes, targetConcurrency }. */
export const PATCH = endpointRoute(async ({ request, caller, name }) => {
  const row = await updateEndpointPolicy({ caller, name, input: await readJson(request) });
  return Response.json(toJson(request, caller, row));
});

export const DELETE = endpointRoute(async ({ caller, name }) => {
  await deleteEndpoint({ caller, name });
  return new Response(null, { status: 204 });
});
