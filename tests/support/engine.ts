import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { endpoints, replicas } from "@/lib/db/schema";
import { startEngine, type Engine, type EngineOptions } from "@/lib/engine";
import { createEndpoint } from "@/lib/services/endpoints";
import type { Caller } from "@/lib/services/caller";

export interface TestEngine {
  engine: Engine;
  url: string;
  close(options?: { stopReplicas: boolean }): Promise<void>;
}

/** The engine behind a real HTTP server on a free port, with fast ticks for tests. */
export async function startTestEngine(options: EngineOptions = {}): Promise<TestEngine> {
  const engine = await startEngine({
    directoryTtlMs: 100,
    ...options,
    controller: { tickMs: 200, flushEveryMs: 500, sampleEveryMs: 1000, ...options.controller },
    provider: { stopGraceMs: 3000, ...options.provider },
  });
  const server = http.createServer((req, res) => void engine.handle(req, res));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    engine,
    url: `http://127.0.0.1:${port}`,
    async close({ stopReplicas } = { stopReplicas: true }) {
      await engine.stop({ stopReplicas });
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An endpoint of the built-in model with the given policy; seconds may be below the UI's minute. */
export async function createTestEndpoint(
  caller: Caller,
  options: { name: string; min: number; max: number; scaleToZeroSeconds?: number; targetConcurrency?: number; loadSeconds?: number; tokensPerSecond?: number },
) {
  const row = await createEndpoint({
    caller,
    input: {
      name: options.name,
      model: "ebb/ngram-declaration",
      instanceType: "cpu-small",
      minReplicas: options.min,
      maxReplicas: options.max,
      targetConcurrency: options.targetConcurrency ?? 4,
      runtime: { name: "builtin", loadSeconds: options.loadSeconds ?? 0, tokensPerSecond: options.tokensPerSecond ?? 0 },
    },
  });
  if (options.scaleToZeroSeconds !== undefined) {
    const db = await getDb();
    await db.update(endpoints).set({ scaleToZeroSeconds: options.scaleToZeroSeconds }).where(eq(endpoints.id, row.id));
  }
  return row;
}

/** The endpoint's replicas recorded as starting, ready or draining, whichever process runs them. */
export async function activeReplicas(endpointId: string) {
  const db = await getDb();
  return db
    .select()
    .from(replicas)
    .where(and(eq(replicas.endpointId, endpointId), inArray(replicas.status, ["starting", "ready", "draining"])));
}

export async function endpointRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(endpoints).where(eq(endpoints.id, id));
  return row!;
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(check: () => Promise<T> | T, timeoutMs: number, what: string): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function completion(url: string, path: string, init: { scaleUpTimeout?: number; maxTokens?: number; signal?: AbortSignal } = {}) {
  return fetch(`${url}${path}/v1/completions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(init.scaleUpTimeout ? { "x-scale-up-timeout": String(init.scaleUpTimeout) } : {}),
    },
    body: JSON.stringify({ prompt: "We hold these truths", max_tokens: init.maxTokens ?? 8 }),
    signal: init.signal,
  });
}
