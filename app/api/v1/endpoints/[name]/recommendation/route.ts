import { endpointRoute } from "@/lib/api/routes";
import { countParam } from "@/lib/api/count-param";
import { getWhatIf, MAX_WHAT_IF_DAYS } from "@/lib/services/what-if";

/** The suggested policy from the last `days` (default 7) of traffic, with its expected change in cost and why. */
export const GET = endpointRoute(async ({ request, caller, name }) => {
  const days = countParam(request, "days", 7, MAX_WHAT_IF_DAYS);
  const whatIf = await getWhatIf({ caller, name, days });
  return Response.json({ days: whatIf.days, current: whatIf.current.policy, recommendation: whatIf.recommendation, note: whatIf.note });
});
