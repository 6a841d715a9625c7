import { z } from "zod";
import { readJson } from "@/lib/api/respond";
import { endpointRoute } from "@/lib/api/routes";
import { parseOrThrow } from "@/lib/domain/validation";
import { countParam } from "@/lib/api/count-param";
import { getWhatIf, MAX_WHAT_IF_DAYS } from "@/lib/services/what-if";

/**
 * The endpoint's recorded traffic of the last `days` (1–30, default 7) replayed under its current policy
 * and the alternatives: each point's replica-hours, cost, cold starts and delays, the frontier, the
 * replay of the current policy beside the ledger, and the recommendation.
 */
export const GET = endpointRoute(async ({ request, caller, name }) => {
  const days = countParam(request, "days", 7, MAX_WHAT_IF_DAYS);
  return Response.json(await getWhatIf({ caller, name, days }));
});

const bodySchema = z.strictObject(
  { days: z.unknown().optional(), policies: z.unknown().refine((v) => v !== undefined, "Give the policies to replay, as a list.") },
  { error: 'The body must be {"policies": [{"minReplicas": 0, "maxReplicas": 2, "scaleToZeroMinutes": 5}], "days": 7}.' },
);

/** The same replay for the policies given (up to 20), beside the current one. */
export const POST = endpointRoute(async ({ request, caller, name }) => {
  const { days = 7, policies } = parseOrThrow(bodySchema, await readJson(request));
  return Response.json(await getWhatIf({ caller, name, days, policies }));
});
