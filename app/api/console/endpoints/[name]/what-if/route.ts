import { handle } from "@/lib/api/respond";
import { getCaller } from "@/lib/auth";
import { UnauthorizedError } from "@/lib/errors";
import { countParam } from "@/lib/api/count-param";
import { getWhatIf, MAX_WHAT_IF_DAYS } from "@/lib/services/what-if";

/** The endpoint page's what-if, for the signed-in session. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ name: string }> }) => {
  const caller = await getCaller();
  if (!caller) throw new UnauthorizedError();
  const { name } = await params;
  return Response.json(await getWhatIf({ caller, name, days: countParam(request, "days", 7, MAX_WHAT_IF_DAYS) }));
});
