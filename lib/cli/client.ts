import type { CliConfig } from "./config";

export class CliError extends Error {}

/** Calls the REST API; a non-2xx answer becomes a CliError with the server's own message. */
export async function api<T>(config: CliConfig, method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${config.url.replace(/\/+$/, "")}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${config.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new CliError(`cannot reach ${config.url}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    throw new CliError(`unexpected answer from ${config.url} (HTTP ${response.status})`);
  }
  if (!response.ok) {
    const error = (payload as { error?: { message?: string; field?: string } })?.error;
    throw new CliError(`${error?.message ?? `HTTP ${response.status}`}${error?.field ? ` (${error.field})` : ""}`);
  }
  return payload as T;
}
