import { endpointRoute } from "@/lib/api/routes";
import { getWhatIf } from "@/lib/services/what-if";

/** The suggested policy from the last `days` (default 7) of traffic, with its expected change in cost and why. */
export const GET = endpointRoute(async ({ request, caller, name }) => {
  const days = new URL(request.url).searchParams.get("days") ?? 7;
  const whatIf = await getWhatIf({ caller, name, days });
  return Response.json({ days: whatIf.days, current: whatIf.current.policy, recommendation: whatIf.recommendation, note: whatIf.note });
});
