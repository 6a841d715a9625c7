import { openApiDocument } from "@/lib/api/openapi";
import { runtimeCatalog } from "@/lib/runtimes/catalog";
import { publicOrigin } from "@/lib/http/origin";

export function GET(request: Request) {
  return Response.json(openApiDocument(publicOrigin(request.headers), runtimeCatalog().map((r) => r.name)));
}
