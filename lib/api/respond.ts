import { AppError, PayloadTooLargeError, ValidationError } from "@/lib/errors";

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string; fields?: Record<string, string[]> };
}

export function apiError(status: number, code: string, message: string, extra: Partial<ApiErrorBody["error"]> = {}): Response {
  return Response.json({ error: { code, message, ...extra } } satisfies ApiErrorBody, { status });
}

/** Maps what a service threw to the JSON error shape; anything unexpected is logged and a 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ValidationError) {
    const [field, messages] = Object.entries(error.fieldErrors)[0] ?? [];
    return apiError(error.status, error.code, messages?.[0] ?? error.message, { field, fields: error.fieldErrors });
  }
  if (error instanceof AppError) return apiError(error.status, error.code, error.message);
  console.error("ebb api:", error);
  return apiError(500, "internal", "The server failed to handle this request.");
}

/** Management bodies are small; a larger one is refused before it is parsed. */
const MAX_JSON_BYTES = 1024 * 1024;

/** The request's JSON body, or a 400 (413 when too large) that says what is wrong with it. */
export async function readJson(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_JSON_BYTES) throw new PayloadTooLargeError(MAX_JSON_BYTES);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) throw new PayloadTooLargeError(MAX_JSON_BYTES);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError({ body: ["The request body is not valid JSON."] }, "The request body is not valid JSON.");
  }
}

/** Wraps a route handler so every error becomes the JSON error shape. */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await fn(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
