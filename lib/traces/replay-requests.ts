import fs from "node:fs";
import path from "node:path";
import type { ReplayRequest } from "@/lib/replay/replay";
import { readTrace } from "./azure";

export const TRACES_DIR = path.join(process.cwd(), "lib", "traces", "data");
export const AZURE_CODE_TRACE = path.join(TRACES_DIR, "azure-llm-2023-code.csv");
export const DEV_SESSIONS_DIR = path.join(TRACES_DIR, "dev-sessions");

/** A request's time at a replica: half a second, plus its generated tokens at 50 tokens/s. */
export const serviceMsOf = (generatedTokens: number) => 500 + generatedTokens * 20;

/** An Azure LLM trace as requests to replay, arrivals from 0. */
export function azureReplayRequests(file: string): ReplayRequest[] {
  return readTrace(file).map((r) => ({ at: r.offsetMs, serviceMs: serviceMsOf(r.generatedTokens) }));
}

/** One development endpoint's week (`arrival_s,service_s`), as requests to replay. */
export function devSessionRequests(file: string): ReplayRequest[] {
  const lines = fs.readFileSync(file, "utf8").trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [arrival, service] = line.split(",");
    return { at: Math.round(Number(arrival) * 1000), serviceMs: Math.round(Number(service) * 1000) };
  });
}

export function devSessionFiles(): string[] {
  return fs
    .readdirSync(DEV_SESSIONS_DIR)
    .filter((f) => f.endsWith(".csv"))
    .sort()
    .map((f) => path.join(DEV_SESSIONS_DIR, f));
}
