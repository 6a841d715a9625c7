import type { EndpointRow } from "@/lib/db/schema";
import type { Caller } from "@/lib/services/caller";
import { callerFromRequest } from "./caller";
import { endpointJson } from "./endpoint-json";
import { handle } from "./respond";
import { publicOrigin } from "@/lib/http/origin";

type NameContext = { params: Promise<{ name: string }> };

/** The JSON of an endpoint for this request's origin and caller. */
export function toJson(request: Request, caller: Caller, row: EndpointRow) {
  return endpointJson(row, publicOrigin(request.headers), caller.organizationSlug);
}

/** A route on /api/v1/endpoints/{name}…: authenticates, then runs `fn` with the caller and the name. */
export function endpointRoute(fn: (args: { request: Request; caller: Caller; name: string }) => Promise<Response>) {
  return handle(async (request: Request, context: NameContext) => {
    const caller = await callerFromRequest(request);
    const { name } = await context.params;
    return fn({ request, caller, name });
  });
}

/** A lifecycle action route (pause, resume, scale to zero): answers with the endpoint after it. */
export function lifecycleRoute(action: (args: { caller: Caller; name: string }) => Promise<EndpointRow>) {
  return endpointRoute(async ({ request, caller, name }) => Response.json(toJson(request, caller, await action({ caller, name }))));
}
