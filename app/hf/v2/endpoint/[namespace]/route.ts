import { createInputFromHf } from "@/lib/hf/requests";
import { hfJson, hfRoute } from "@/lib/hf/routes";
import { createEndpoint, listEndpoints } from "@/lib/services/endpoints";

export const GET = hfRoute(async ({ request, caller }) => Response.json({ items: (await listEndpoints({ caller })).map((row) => hfJson(request, caller, row)) }));

export const POST = hfRoute(async ({ request, caller, body }) => {
  const row = await createEndpoint({ caller, input: createInputFromHf(await body()) });
  return Response.json(hfJson(request, caller, row));
});
