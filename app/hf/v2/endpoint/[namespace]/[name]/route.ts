import { policyInputFromHf } from "@/lib/hf/requests";
import { hfJson, hfRoute } from "@/lib/hf/routes";
import { deleteEndpoint, getEndpointByName, updateEndpointPolicy } from "@/lib/services/endpoints";

export const GET = hfRoute(async ({ request, caller, name }) => Response.json(hfJson(request, caller, await getEndpointByName({ caller, name }))));

/** A partial update: absent keys keep their value. */
export const PUT = hfRoute(async ({ request, caller, name, body }) => {
  const current = await getEndpointByName({ caller, name });
  const row = await updateEndpointPolicy({ caller, name, input: policyInputFromHf(await body(), current) });
  return Response.json(hfJson(request, caller, row));
});

export const DELETE = hfRoute(async ({ caller, name }) => {
  await deleteEndpoint({ caller, name });
  return Response.json({});
});
