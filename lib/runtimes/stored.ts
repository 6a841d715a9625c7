import type { RuntimeChoice } from "@/lib/domain/endpoint";
import { BUILTIN_RUNTIME } from "@/lib/domain/runtime";

/**
 * An endpoint's stored runtime choice. Rows written before runtimes had names hold `{kind: "builtin"}`
 * (the built-in server) or `{kind: "command"}`, which no longer runs: it maps to a name no catalog has,
 * so such an endpoint fails with a message asking for a catalog runtime.
 */
export function storedRuntime(value: unknown): RuntimeChoice {
  const v = (value ?? {}) as { name?: unknown; kind?: unknown; loadSeconds?: unknown; tokensPerSecond?: unknown };
  const name = typeof v.name === "string" ? v.name : v.kind === "command" ? "command (removed)" : BUILTIN_RUNTIME;
  return {
    name,
    loadSeconds: typeof v.loadSeconds === "number" ? v.loadSeconds : undefined,
    tokensPerSecond: typeof v.tokensPerSecond === "number" ? v.tokensPerSecond : undefined,
  };
}
