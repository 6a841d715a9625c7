import { callerFromRequest } from "@/lib/api/caller";
import { handle, readJson } from "@/lib/api/respond";
import { toJson } from "@/lib/api/routes";
import { createEndpoint, listEndpoints } from "@/lib/services/endpoints";

export const GET = handle(async (request: Request) => {
  const caller = await callerFromRequest(request);
  const tag = new URL(request.url).searchParams.get("tag") ?? undefined;
  const rows = await listEndpoints({ caller, tag });
  return Response.json({ items: rows.map((row) => toJson(request, caller, row)) });
});

export const POST = handle(async (request: Request) => {
  const caller = await callerFromRequest(request);
  const row = await createEndpoint({ caller, input: await readJson(request) });
  return Response.json(toJson(request, caller, row), { status: 201 });
});
