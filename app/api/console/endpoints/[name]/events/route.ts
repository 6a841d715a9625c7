import { eventJson } from "@/lib/api/endpoint-json";
import { countParam } from "@/lib/api/count-param";
import { handle } from "@/lib/api/respond";
import { getCaller } from "@/lib/auth";
import { UnauthorizedError, ValidationError } from "@/lib/errors";
import { listEndpointEvents } from "@/lib/services/endpoints";

/** Older lifecycle entries for the endpoint page: `before` an entry's time, newest first. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ name: string }> }) => {
  const caller = await getCaller();
  if (!caller) throw new UnauthorizedError();
  const { name } = await params;
  const raw = new URL(request.url).searchParams.get("before");
  const before = raw === null ? undefined : new Date(raw);
  if (before && Number.isNaN(before.getTime())) throw ValidationError.forField("before", "before must be a time, like 2026-12-01T10:00:00.000Z.");
  const events = await listEndpointEvents({ caller, name, limit: countParam(request, "limit", 100), before });
  return Response.json({ items: events.map(eventJson) });
});
