import { readJson } from "@/lib/api/respond";
import { endpointRoute, toJson } from "@/lib/api/routes";
import { setEndpointSchedule } from "@/lib/services/endpoints";

/**
 * Sets when the endpoint runs: { "schedule": { "timezone": "Europe/Paris", "days": [1,2,3,4,5],
 * "start": "08:00", "end": "19:00" } }, or { "schedule": null } to run at all times.
 */
export const PUT = endpointRoute(async ({ request, caller, name }) => {
  const body = (await readJson(request)) as { schedule?: unknown };
  const row = await setEndpointSchedule({ caller, name, schedule: body?.schedule ?? null });
  return Response.json(toJson(request, caller, row));
});
