import { describe, expect, it } from "vitest";
import { compress, readTrace } from "@/lib/traces/azure";

describe("the Azure conversation trace", () => {
  const trace = readTrace();

  it("holds an hour of requests in arrival order", () => {
    expect(trace.length).toBe(19366);
    expect(trace[0]).toEqual({ offsetMs: 0, contextTokens: 374, generatedTokens: 44 });
    expect(trace.at(-1)!.offsetMs).toBeGreaterThan(58 * 60_000);
    expect(trace.every((r, i) => i === 0 || r.offsetMs >= trace[i - 1]!.offsetMs)).toBe(true);
  });

  it("compresses a window of it in time", () => {
    const window = compress(trace, { fromMs: 60_000, durationMs: 60_000, speedup: 10 });
    expect(window.length).toBeGreaterThan(100);
    expect(window[0]!.offsetMs).toBeGreaterThanOrEqual(0);
    expect(window.at(-1)!.offsetMs).toBeLessThan(6000);
  });
});
