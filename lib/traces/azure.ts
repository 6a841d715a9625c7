import fs from "node:fs";
import path from "node:path";

export interface TraceRequest {
  /** Milliseconds since the first request of the trace. */
  offsetMs: number;
  contextTokens: number;
  generatedTokens: number;
}

export const AZURE_CONVERSATION_TRACE = path.join(process.cwd(), "lib", "traces", "data", "azure-llm-2023-conv.csv");

/** Reads a trace of the Azure LLM inference format: TIMESTAMP,ContextTokens,GeneratedTokens. */
export function readTrace(file = AZURE_CONVERSATION_TRACE): TraceRequest[] {
  const lines = fs.readFileSync(file, "utf8").trim().split(/\r?\n/).slice(1);
  let first: number | null = null;
  return lines.map((line) => {
    const [timestamp, context, generated] = line.split(",");
    // "2023-11-16 18:15:46.6805900": sub-millisecond digits beyond JavaScript's Date are dropped.
    const ms = Date.parse(`${timestamp!.slice(0, 23).replace(" ", "T")}Z`);
    first ??= ms;
    return { offsetMs: ms - first, contextTokens: Number(context), generatedTokens: Number(generated) };
  });
}

/**
 * The requests of [fromMs, fromMs + durationMs) of the trace, replayed `speedup` times faster:
 * offsets are rebased to 0 and divided by the speed-up.
 */
export function compress(trace: TraceRequest[], { fromMs = 0, durationMs, speedup }: { fromMs?: number; durationMs: number; speedup: number }): TraceRequest[] {
  return trace
    .filter((r) => r.offsetMs >= fromMs && r.offsetMs < fromMs + durationMs)
    .map((r) => ({ ...r, offsetMs: (r.offsetMs - fromMs) / speedup }));
}
