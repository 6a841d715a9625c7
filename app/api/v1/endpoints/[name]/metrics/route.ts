import { endpointRoute } from "@/lib/api/routes";
import { RANGES, requireRange } from "@/lib/domain/ranges";
import { ValidationError } from "@/lib/errors";
import { getEndpointSeries } from "@/lib/services/metrics";

/**
 * The endpoint's time series for ?range=1h|24h|7d|30d: replicas, requests and latency, cold starts,
 * cost, and CPU and memory per replica, one point per bucket over the whole window.
 */
export const GET = endpointRoute(async ({ request, caller, name }) => {
  const range = requireRange(new URL(request.url).searchParams.get("range"));
  if (!range) throw ValidationError.forField("range", `range must be one of ${Object.keys(RANGES).join(", ")}.`);
  return Response.json(await getEndpointSeries({ caller, name, range }));
});
