import { handle } from "@/lib/api/respond";
import { getCaller } from "@/lib/auth";
import { UnauthorizedError } from "@/lib/errors";
import { getWhatIf } from "@/lib/services/what-if";

/** The endpoint page's what-if, for the signed-in session. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ name: string }> }) => {
  const caller = await getCaller();
  if (!caller) throw new UnauthorizedError();
  const { name } = await params;
  return Response.json(await getWhatIf({ caller, name, days: new URL(request.url).searchParams.get("days") ?? 7 }));
});
