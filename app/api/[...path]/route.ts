import { apiError } from "@/lib/api/respond";

/** Any other path under /api: a JSON 404 like the API's other errors, not the console's HTML page. */
function notFound(): Response {
  return apiError(404, "not_found", "No such API route. See /api/v1/openapi.json.");
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
