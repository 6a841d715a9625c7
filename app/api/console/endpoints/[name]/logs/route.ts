import { countParam } from "@/lib/api/count-param";
import { handle } from "@/lib/api/respond";
import { getCaller } from "@/lib/auth";
import { UnauthorizedError } from "@/lib/errors";
import { getReplicaLogs } from "@/lib/services/replica-logs";

/** The endpoint page's replica logs, for the signed-in session. */
export const GET = handle(async (request: Request, { params }: { params: Promise<{ name: string }> }) => {
  const caller = await getCaller();
  if (!caller) throw new UnauthorizedError();
  const { name } = await params;
  return Response.json({ replicas: await getReplicaLogs({ caller, name, lines: countParam(request, "lines", 100) }) });
});
