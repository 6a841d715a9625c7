import { Agent } from "undici";
import type { TraceRequest } from "@/lib/traces/azure";

/** Outcome counts of a load run: status code (or "error" for a broken connection) → count. */
export type Outcomes = Map<number | "error", number>;

function count(outcomes: Outcomes, key: number | "error") {
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

export function nonSuccess(outcomes: Outcomes): number {
  let n = 0;
  for (const [key, value] of outcomes) if (key === "error" || key < 200 || key >= 300) n += value;
  return n;
}

const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000 });

async function send(url: string, body: object, scaleUpTimeout: number | undefined, outcomes: Outcomes) {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(scaleUpTimeout ? { "x-scale-up-timeout": String(scaleUpTimeout) } : {}) },
      body: JSON.stringify(body),
      // @ts-expect-error undici's dispatcher option is not in the DOM fetch types
      dispatcher: agent,
    });
    await response.arrayBuffer();
    count(outcomes, response.status);
  } catch {
    count(outcomes, "error");
  }
}

/** Sends each trace request at its (compressed) offset; resolves when all have been answered. */
export async function replayTrace(
  url: string,
  requests: TraceRequest[],
  { scaleUpTimeout, maxTokens }: { scaleUpTimeout?: number; maxTokens: (r: TraceRequest) => number },
): Promise<Outcomes> {
  const outcomes: Outcomes = new Map();
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (const request of requests) {
    const wait = request.offsetMs - (performance.now() - start);
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(url, { prompt: "We hold these truths", max_tokens: maxTokens(request) }, scaleUpTimeout, outcomes));
  }
  await Promise.all(inFlight);
  return outcomes;
}

/** `concurrency` loops sending requests back to back until `stop` resolves. */
export async function closedLoop(
  url: string,
  { concurrency, stop, scaleUpTimeout, maxTokens = 8 }: { concurrency: number; stop: Promise<void>; scaleUpTimeout?: number; maxTokens?: number },
): Promise<Outcomes> {
  const outcomes: Outcomes = new Map();
  let stopped = false;
  void stop.then(() => (stopped = true));
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!stopped) await send(url, { prompt: "We hold these truths", max_tokens: maxTokens }, scaleUpTimeout, outcomes);
    }),
  );
  return outcomes;
}
