/**
 * `npm run demo`: creates a demo endpoint on the local provider of a running Ebb and replays the Azure
 * LLM conversation trace through its URL, time-compressed, so every chart fills with real data: it
 * scales up from zero (a cold start), past one replica under the load, back to zero when idle, and
 * wakes again for a second burst.
 *
 *   npm run demo -- [--url http://localhost:3000] [--token ebb_…] [--speedup 10] [--minutes 6] [--no-second-burst]
 *
 * The URL and token default to EBB_URL / EBB_TOKEN or what `ebb login` saved.
 */
import { parseArgs } from "node:util";
import { Agent } from "undici";
import type { EndpointJson } from "@/lib/api/endpoint-json";
import { api, CliError } from "@/lib/cli/client";
import { loadConfig } from "@/lib/cli/config";
import { compress, readTrace, type TraceRequest } from "@/lib/traces/azure";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    token: { type: "string" },
    name: { type: "string", default: "demo" },
    speedup: { type: "string", default: "10" },
    minutes: { type: "string", default: "6" },
    "no-second-burst": { type: "boolean", default: false },
  },
});

const saved = loadConfig();
const config = { url: values.url ?? saved?.url ?? "http://localhost:3000", token: values.token ?? saved?.token ?? "" };
if (!config.token) {
  console.error("demo: give --token (create one under Settings → API tokens), or run `ebb login` first");
  process.exit(1);
}
const speedup = Number(values.speedup);
const minutes = Number(values.minutes);
const agent = new Agent({ connections: 512, keepAliveTimeout: 30_000 });
const tty = process.stdout.isTTY;

function bar(done: number, total: number, extra: string): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(Math.round((done / total) * 100)).padStart(3)}%  ${extra}`;
}

/** Prints progress: redrawn in place on a terminal, every 10 % otherwise. */
function progress(label: string) {
  let lastDecile = -1;
  return (done: number, total: number, extra: string) => {
    if (tty) process.stdout.write(`\r${label} ${bar(done, total, extra)}   `);
    else {
      const decile = Math.floor((done / total) * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        console.log(`${label} ${bar(done, total, extra)}`);
      }
    }
  };
}

async function getEndpoint(): Promise<EndpointJson> {
  return api<EndpointJson>(config, "GET", `/endpoints/${values.name}`);
}

async function ensureEndpoint(): Promise<EndpointJson> {
  try {
    return await getEndpoint();
  } catch (error) {
    if (!(error instanceof CliError) || !/No endpoint/.test(error.message)) throw error;
  }
  console.log(`demo: creating endpoint ${values.name} (auto-scaling 0–4, scale to zero after 1 min, a 4 s model load)`);
  return api<EndpointJson>(config, "POST", "/endpoints", {
    name: values.name,
    model: "ebb/ngram-declaration",
    instanceType: "cpu-small",
    autoscaling: true,
    minReplicas: 0,
    maxReplicas: 4,
    scaleToZeroMinutes: 1,
    targetConcurrency: 2,
    runtime: { name: "builtin", loadSeconds: 4, tokensPerSecond: 40 },
  });
}

async function replay(url: string, requests: TraceRequest[], label: string) {
  const show = progress(label);
  const outcomes = { ok: 0, failed: 0 };
  let replicas = 0;
  const poll = setInterval(() => {
    void getEndpoint().then((e) => (replicas = e.replicas.ready), () => {});
  }, 1000);
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (const [i, r] of requests.entries()) {
    const wait = r.offsetMs - (performance.now() - start);
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    show(i + 1, requests.length, `${i + 1}/${requests.length} requests  ${replicas} replica(s) ready  ${outcomes.failed} failed`);
    pending.push(
      fetch(`${url}/v1/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-scale-up-timeout": "120" },
        body: JSON.stringify({ prompt: "We hold these truths", max_tokens: Math.max(1, Math.min(40, r.generatedTokens)) }),
        // @ts-expect-error undici's dispatcher option is not in the DOM fetch types
        dispatcher: agent,
      })
        .then(async (response) => {
          await response.arrayBuffer();
          if (response.ok) outcomes.ok++;
          else outcomes.failed++;
        })
        .catch(() => void outcomes.failed++),
    );
  }
  await Promise.all(pending);
  clearInterval(poll);
  if (tty) process.stdout.write("\n");
  console.log(`${label} done: ${outcomes.ok} answered, ${outcomes.failed} failed`);
}

async function waitForState(state: string, label: string, timeoutMs: number) {
  const show = progress(label);
  const started = Date.now();
  for (;;) {
    const endpoint = await getEndpoint();
    const elapsed = Date.now() - started;
    show(Math.min(elapsed, timeoutMs), timeoutMs, `state ${endpoint.state}`);
    if (endpoint.state === state) break;
    if (elapsed > timeoutMs) throw new CliError(`${values.name} did not reach ${state} in ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (tty) process.stdout.write("\n");
}

async function main() {
  const endpoint = await ensureEndpoint();
  const trace = readTrace();
  const first = compress(trace, { fromMs: 0, durationMs: minutes * 60_000, speedup });
  console.log(`demo: replaying ${first.length} requests (${minutes} min of the trace at ${speedup}×) to ${endpoint.url}`);
  await replay(endpoint.url, first, "burst 1");
  if (!values["no-second-burst"]) {
    await waitForState("scaledToZero", "idle, waiting for scale to zero", 5 * 60_000);
    const second = compress(trace, { fromMs: minutes * 60_000, durationMs: (minutes / 2) * 60_000, speedup });
    await replay(endpoint.url, second, "burst 2");
  }
  console.log(`demo: open ${config.url}/endpoints/${values.name} to see replicas, cold starts and cost`);
  await agent.close();
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
