import { AppError, ValidationError } from "@/lib/errors";

/**
 * Errors in the shape `huggingface_hub` reads (shared/providers.md §5): a JSON body {"error": message},
 * the same message in X-Error-Message, and the request id echoed from X-Amzn-Trace-Id.
 */
export function hfError(request: Request, status: number, message: string): Response {
  const requestId = request.headers.get("x-amzn-trace-id") ?? crypto.randomUUID();
  return Response.json({ error: message }, { status, headers: { "x-error-message": headerSafe(message), "x-request-id": requestId } });
}

/** Header values are bytes: arrows and dashes become ASCII, anything else outside Latin-1 a "?". */
export function headerSafe(text: string): string {
  return text
    .replaceAll("→", "->")
    .replace(/[–—]/g, "-")
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[^\x20-\x7e\xa0-\xff]/g, "?");
}

export function hfHandle<A extends unknown[]>(fn: (request: Request, ...rest: A) => Promise<Response>) {
  return async (request: Request, ...rest: A): Promise<Response> => {
    try {
      return await fn(request, ...rest);
    } catch (error) {
      if (error instanceof ValidationError) {
        const [field, messages] = Object.entries(error.fieldErrors)[0] ?? [];
        return hfError(request, 400, field && messages?.[0] ? `${field}: ${messages[0]}` : error.message);
      }
      if (error instanceof AppError) return hfError(request, error.status === 409 ? 400 : error.status, error.message);
      console.error("ebb hf api:", error);
      return hfError(request, 500, "The server failed to handle this request.");
    }
  };
}
