/**
 * Gateway overhead: the same load sent straight to a replica and through the gateway, alternating
 * rounds in one run, so both see the same machine. Prints throughput and p50/p99 latency of each, the
 * throughput ratio, and the latency the gateway adds, for two replicas: one answering as fast as it can
 * (the gateway's own cost dominates) and one decoding at 50 tokens/s, as a served model does.
 *
 *   npm run bench:gateway [-- --seconds 5 --rounds 3 --concurrency 16 --tokens 16]
 */
import { execFile } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { openDatabase, setProcessDatabase } from "@/lib/db";
import { startEngine } from "@/lib/engine";
import { signUp } from "@/lib/services/accounts";
import { getCallerByUserId } from "@/lib/services/caller";
import { createEndpoint } from "@/lib/services/endpoints";

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    concurrency: { type: "string", default: "16" },
    tokens: { type: "string", default: "16" },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);
const body = JSON.stringify({ prompt: "We hold these truths", max_tokens: Number(values.tokens), seed: 1 });

interface Result {
  count: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

async function measure(url: string, concurrency: number): Promise<Result> {
  const client = path.join(import.meta.dirname, "load-client.ts");
  const { stdout } = await run(process.execPath, ["--import", "tsx", client, url, String(concurrency), String(seconds), body], { maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(stdout) as Result;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summarize(results: Result[]) {
  const latencies = results.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const count = results.reduce((n, r) => n + r.count, 0);
  const time = results.reduce((n, r) => n + r.seconds, 0);
  return {
    throughput: count / time,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: results.reduce((n, r) => n + r.errors, 0),
    count,
  };
}

async function main() {
  setProcessDatabase(await openDatabase({ kind: "pglite" }));
  const { user } = await signUp({ name: "Bench", email: "bench@example.com", password: "bench-password-1", organization: "Bench" });
  const caller = (await getCallerByUserId({ userId: user.id }))!;
  const scenarios = [
    { name: "fast", label: "replica answering at once", tokensPerSecond: 0, concurrency },
    { name: "decoding", label: "replica decoding at 50 tokens/s", tokensPerSecond: 50, concurrency: concurrency * 4 },
  ];
  const endpoints = [];
  for (const scenario of scenarios) {
    endpoints.push(
      await createEndpoint({
        caller,
        input: {
          name: scenario.name,
          model: "ebb/ngram-declaration",
          instanceType: "cpu-small",
          autoscaling: false,
          minReplicas: 1,
          maxReplicas: 1,
          runtime: { name: "builtin", tokensPerSecond: scenario.tokensPerSecond },
        },
      }),
    );
  }
  const engine = await startEngine({ controller: { tickMs: 500 } });
  const server = http.createServer((req, res) => void engine.handle(req, res));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  let failures = 0;
  for (const [i, scenario] of scenarios.entries()) {
    const endpoint = endpoints[i]!;
    while (engine.provider.ready(endpoint.id).length === 0) await new Promise((r) => setTimeout(r, 100));
    const directUrl = `${engine.provider.ready(endpoint.id)[0]!.url}/v1/completions`;
    const gatewayUrl = `http://127.0.0.1:${port}/e/${caller.organizationSlug}/${scenario.name}/v1/completions`;

    console.log(`\n${scenario.label}: ${rounds} rounds × ${seconds} s each way, ${scenario.concurrency} concurrent, ${values.tokens} tokens per request`);
    await measure(directUrl, scenario.concurrency); // warm both paths before measuring
    await measure(gatewayUrl, scenario.concurrency);
    const direct: Result[] = [];
    const gateway: Result[] = [];
    for (let round = 0; round < rounds; round++) {
      direct.push(await measure(directUrl, scenario.concurrency));
      gateway.push(await measure(gatewayUrl, scenario.concurrency));
    }
    const d = summarize(direct);
    const g = summarize(gateway);
    const row = (name: string, s: ReturnType<typeof summarize>) =>
      `  ${name.padEnd(9)} ${s.throughput.toFixed(0).padStart(8)} req/s   p50 ${s.p50.toFixed(2).padStart(8)} ms   p99 ${s.p99.toFixed(2).padStart(8)} ms   ${s.count} ok, ${s.errors} errors`;
    console.log(row("direct", d));
    console.log(row("gateway", g));
    console.log(`  throughput ratio gateway/direct: ${(g.throughput / d.throughput).toFixed(3)}`);
    const signed = (ms: number) => `${ms >= 0 ? "+" : ""}${ms.toFixed(2)} ms`;
    console.log(`  added latency: p50 ${signed(g.p50 - d.p50)}, p99 ${signed(g.p99 - d.p99)}`);
    failures += d.errors + g.errors;
  }

  await engine.stop({ stopReplicas: true });
  server.closeAllConnections();
  server.close();
  process.exit(failures > 0 ? 1 : 0);
}

await main();
