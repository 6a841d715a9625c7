import { hfError } from "@/lib/hf/respond";

/** Any other path under /hf: an error in the shape huggingface_hub reads, not the console's HTML page. */
function notFound(request: Request): Response {
  return hfError(request, 404, "Not found");
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
