import { callerFromRequest } from "@/lib/api/caller";
import { handle } from "@/lib/api/respond";
import { runtimeChoices } from "@/lib/runtimes/catalog";

/** The install's runtimes, by name: what `runtime.name` may be when creating an endpoint. */
export const GET = handle(async (request: Request) => {
  await callerFromRequest(request);
  return Response.json({ items: runtimeChoices() });
});
