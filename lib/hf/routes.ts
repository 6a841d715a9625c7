import { callerFromRequest } from "@/lib/api/caller";
import { readJson } from "@/lib/api/respond";
import type { EndpointRow } from "@/lib/db/schema";
import { NotFoundError } from "@/lib/errors";
import type { Caller } from "@/lib/services/caller";
import { hfEndpointJson } from "./endpoint-json";
import { hfHandle } from "./respond";
import { publicOrigin } from "@/lib/http/origin";

type Params = { namespace: string; name?: string };

/** The JSON of an endpoint for this request's origin and caller. */
export function hfJson(request: Request, caller: Caller, row: EndpointRow) {
  return hfEndpointJson(row, publicOrigin(request.headers), caller.organizationSlug, { id: caller.userId, name: caller.email });
}

/**
 * A route under /hf/v2/…/{namespace}: authenticates the Ebb API token, and answers 404 for a namespace
 * that is not the caller's organization (another organization's endpoints are as absent as unknown ones).
 */
export function hfRoute(fn: (args: { request: Request; caller: Caller; name: string; body: () => Promise<unknown> }) => Promise<Response>) {
  return hfHandle(async (request: Request, context: { params: Promise<Params> }) => {
    const caller = await callerFromRequest(request);
    const { namespace, name } = await context.params;
    if (namespace !== caller.organizationSlug) {
      throw new NotFoundError(name ? `Endpoint '${name}' not found` : `Namespace '${namespace}' not found`);
    }
    return fn({ request, caller, name: name ?? "", body: () => readJson(request) });
  });
}
