import { openApiDocument } from "@/lib/api/openapi";
import { runtimeCatalog } from "@/lib/runtimes/catalog";

export function GET(request: Request) {
  return Response.json(openApiDocument(new URL(request.url).origin, runtimeCatalog().map((r) => r.name)));
}
