import { z } from "zod";
import { readJson } from "@/lib/api/respond";
import { endpointRoute, toJson } from "@/lib/api/routes";
import { scheduleSchema } from "@/lib/domain/schedule";
import { parseOrThrow } from "@/lib/domain/validation";
import { setEndpointSchedule } from "@/lib/services/endpoints";

// The body must say what it wants: a schedule, or null to remove it. Anything else (an empty object, a
// misspelled key, an array) is a 422, never a silent removal.
const bodySchema = z.strictObject(
  { schedule: scheduleSchema.nullable() },
  { error: 'The body must be {"schedule": {...}} or {"schedule": null}.' },
);

/**
 * Sets when the endpoint runs: { "schedule": { "timezone": "Europe/Paris", "days": [1,2,3,4,5],
 * "start": "08:00", "end": "19:00" } }, or { "schedule": null } to run at all times.
 */
export const PUT = endpointRoute(async ({ request, caller, name }) => {
  const { schedule } = parseOrThrow(bodySchema, await readJson(request));
  const row = await setEndpointSchedule({ caller, name, schedule });
  return Response.json(toJson(request, caller, row));
});
