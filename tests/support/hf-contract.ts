/**
 * The Hugging Face Inference Endpoints contract (shared/providers.md), as checks any server claiming it
 * must pass: the bodies are those `huggingface_hub` 2.0.0 sends, the checks are what it reads.
 */

export interface ContractTarget {
  /** `{HF}`: whoami lives at `${hub}/api/whoami-v2`. */
  hub: string;
  /** `{IE}`: endpoints at `${api}/endpoint/{namespace}`. */
  api: string;
  token: string;
}

export async function call(target: ContractTarget, method: string, url: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${target.token}`,
      "user-agent": "unknown/None; hf_hub/2.0.0; python/3.12",
      "x-amzn-trace-id": crypto.randomUUID(),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as Record<string, unknown> };
}

const UTC_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * What is wrong with an Endpoint object for the client: every key it reads without a default (a
 * missing one raises KeyError there), and dates in UTC with a Z. Empty when nothing is.
 */
export function endpointShapeProblems(endpoint: Record<string, unknown>): string[] {
  const e = endpoint as { name?: unknown; type?: unknown; healthRoute?: unknown; model?: Record<string, unknown>; status?: Record<string, unknown> };
  const problems: string[] = [];
  for (const key of ["name", "type", "healthRoute"] as const) if (typeof e[key] !== "string") problems.push(`${key} is not a string`);
  for (const key of ["repository", "framework", "revision", "task"]) if (!e.model || !(key in e.model)) problems.push(`model.${key} is missing`);
  if (typeof e.status?.state !== "string") problems.push("status.state is missing");
  for (const key of ["createdAt", "updatedAt"]) if (!UTC_Z.test(String(e.status?.[key]))) problems.push(`status.${key} is not UTC with Z`);
  return problems;
}

/** The create body, byte for byte as create_inference_endpoint(…) builds it. */
export function createBody(name: string, compute: { accelerator: string; instanceSize: string; instanceType: string; vendor: string; region: string }, scaling: { min: number; max: number; timeout: number | null }) {
  return (
    `{"compute":{"accelerator":"${compute.accelerator}","instanceSize":"${compute.instanceSize}","instanceType":"${compute.instanceType}",` +
    `"scaling":{"maxReplica":${scaling.max},"minReplica":${scaling.min},"scaleToZeroTimeout":${scaling.timeout}}},` +
    `"model":{"framework":"pytorch","repository":"acme/ngram","revision":null,"image":{"huggingface":{}}},` +
    `"name":"${name}","provider":{"region":"${compute.region}","vendor":"${compute.vendor}"},"type":"authenticated"}`
  );
}

/** Polls GET until `accept` holds, like the client's wait() (faster: tests have no 5 s to spare). */
export async function waitFor(target: ContractTarget, url: string, accept: (state: string, endpoint: Record<string, unknown>) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { json } = await call(target, "GET", url);
    const state = (json.status as { state: string }).state;
    if (accept(state, json)) return json;
    if (Date.now() > deadline) throw new Error(`still ${state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A clear error: the status, JSON {"error": …} and the same text in X-Error-Message; what differs, else "". */
export function clearErrorProblem(response: { status: number; headers: Headers; json: Record<string, unknown> }, status: number, pattern: RegExp): string {
  if (response.status !== status) return `status ${response.status}, not ${status}`;
  if (!pattern.test(String(response.json?.error))) return `error "${String(response.json?.error)}" does not match ${pattern}`;
  if (!pattern.test(response.headers.get("x-error-message") ?? "")) return `X-Error-Message "${response.headers.get("x-error-message")}" does not match ${pattern}`;
  return "";
}
