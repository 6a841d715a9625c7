import { expect } from "@playwright/test";

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

/** Every key the client reads without a default (a missing one raises KeyError in the client). */
export function expectEndpointShape(endpoint: Record<string, unknown>) {
  const e = endpoint as {
    name: unknown;
    type: unknown;
    healthRoute: unknown;
    model: Record<string, unknown>;
    status: Record<string, unknown>;
  };
  expect(typeof e.name).toBe("string");
  expect(typeof e.type).toBe("string");
  expect(typeof e.healthRoute).toBe("string");
  for (const key of ["repository", "framework", "revision", "task"]) expect(e.model).toHaveProperty(key);
  expect(typeof e.status.state).toBe("string");
  expect(e.status.createdAt).toMatch(UTC_Z);
  expect(e.status.updatedAt).toMatch(UTC_Z);
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

/** A clear error: JSON {"error": …} with the same text in X-Error-Message. */
export function expectClearError(response: { status: number; headers: Headers; json: Record<string, unknown> }, status: number, pattern: RegExp) {
  expect(response.status).toBe(status);
  expect(String(response.json?.error)).toMatch(pattern);
  expect(response.headers.get("x-error-message")).toMatch(pattern);
}
