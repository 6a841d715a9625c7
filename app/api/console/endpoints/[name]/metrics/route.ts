import { handle } from "@/lib/api/respond";
import { getCaller } from "@/lib/auth";
import { RANGES, requireRange } from "@/lib/domain/ranges";
import { UnauthorizedError, ValidationError } from "@/lib/errors";
import { getEndpointSeries } from "@/lib/services/metrics";

/** The endpoint page's charts for ?range=1h|24h|7d|30d, for the signed-in session. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ name: string }> }) => {
  const caller = await getCaller();
  if (!caller) throw new UnauthorizedError();
  const { name } = await params;
  const range = requireRange(new URL(request.url).searchParams.get("range"));
  if (!range) throw ValidationError.forField("range", `range must be one of ${Object.keys(RANGES).join(", ")}.`);
  return Response.json(await getEndpointSeries({ caller, name, range }));
});
