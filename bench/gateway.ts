/**
 * The data plane side by side, in one run on one machine: the same load sent to a replica directly, through
 * Ebb's gateway, through nginx with upstream keep-alive (when installed), as an operator would put it
 * there instead, and through the barest Node.js proxy (bench/support/node-proxy.mjs), the floor under
 * any proxy written in Node. Each open-loop run starts with a second of the same load, not counted, so
 * every path is measured with the connections that rate needs already open. Three parts:
 *   1. constant-rate (open-loop) load at each rate against an instant replica and one answering in 100 ms:
 *      p50/p95/p99/max of each path, and what Ebb and nginx add to direct;
 *   2. uncapped throughput to the instant replica (wrk when installed), as ratios to direct and to nginx;
 *   3. time to first byte through the gateway with 5 endpoints, then with 500 paused ones beside them.
 *
 *   npm run bench:gateway [-- --seconds 5 --rates 200,500,1000 --connections 64 --paused 500]
 */
import http from "node:http";
import os from "node:os";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    rates: { type: "string", default: "200,500,1000" },
    connections: { type: "string", default: "64" },
    paused: { type: "string", default: "500" },
    // Gateway processes in front, as `npm start` runs them; 0: the gateway on the engine's own thread.
    processes: { type: "string", default: String(Math.min(4, os.availableParallelism())) },
  },
});
const seconds = Number(values.seconds);
const rates = values.rates === "none" ? [] : values.rates.split(",").map(Number);
const connections = Number(values.connections);
const paused = Number(values.paused);
// Quotas of a large organization, before anything reads the environment.
process.env.EBB_QUOTA_ENDPOINTS = String(paused + 20);
process.env.EBB_QUOTA_REPLICAS = String((paused + 20) * 10);
const processes = Number(values.processes);
const { freePort } = await import("@/lib/providers/local/process");
const { openLoop: runOpenLoop, percentiles } = await import("./support/open-loop");
Object.assign(process.env, { PORT: String(await freePort()), HOST: "127.0.0.1", EBB_GATEWAY_PROCESSES: String(processes) });

const { openDatabase, setProcessDatabase } = await import("@/lib/db");
const { startEngine } = await import("@/lib/engine");
const { startFront } = await import("@/lib/front/front");
const { reloadRuntimeCatalog } = await import("@/lib/runtimes/catalog");
const { signUp } = await import("@/lib/services/accounts");
const { getCallerByUserId } = await import("@/lib/services/caller");
const { createEndpoint, pauseEndpoint } = await import("@/lib/services/endpoints");
const { startNginx } = await import("./support/nginx");
const { startNodeProxy } = await import("./support/node-proxy");
const { benchRuntimesFile } = await import("./support/runtimes");
const { uncapped } = await import("./support/wrk");
const { cpuSeconds, processTree } = await import("./support/cpu");

const body = JSON.stringify({ prompt: "We hold these truths", max_tokens: 2 });
const UPSTREAMS = [
  { name: "instant", label: "replica answering at once", delayMs: 0 },
  { name: "slow", label: "replica answering in 100 ms", delayMs: 100 },
];

/** The open-loop client at this bench's body and duration. */
const openLoop = (url: string, rate: number, forSeconds = seconds, warmupSeconds = 1) => runOpenLoop(url, rate, forSeconds, body, warmupSeconds);

const ms = (x: number) => `${x.toFixed(2).padStart(8)} ms`;
const signed = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(2)} ms`;

async function main() {
  process.env.EBB_RUNTIMES_FILE = benchRuntimesFile(UPSTREAMS);
  reloadRuntimeCatalog();
  setProcessDatabase(await openDatabase({ kind: "pglite" }));
  const { user } = await signUp({ name: "Bench", email: "bench@example.com", password: "bench-password-1", organization: "Bench" }, { mode: "open" });
  const caller = (await getCallerByUserId({ userId: user.id }))!;
  const input = (name: string, runtime: string) => ({ name, model: "acme/bench", instanceType: "cpu-small", autoscaling: false, minReplicas: 1, maxReplicas: 1, runtime: { name: runtime } });
  const served: { id: string }[] = [];
  for (const u of UPSTREAMS) served.push(await createEndpoint({ caller, input: input(u.name, `bench-${u.name}`) }));
  const createPaused = async (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      await createEndpoint({ caller, input: { name: `paused-${i}`, model: "acme/m", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1 } });
      await pauseEndpoint({ caller, name: `paused-${i}` });
    }
  };
  await createPaused(0, 3); // five endpoints in all

  const engine = await startEngine();
  const notFound: http.RequestListener = (_req, res) => void res.writeHead(404).end();
  let stopServing: () => Promise<unknown>;
  let gatewayPids = () => [] as number[];
  if (processes > 0) {
    const front = await startFront({ engine, console: notFound, processes });
    stopServing = () => front.stop(5);
    gatewayPids = () => front.pids();
  } else {
    const server = http.createServer((req, res) => void (req.url?.startsWith("/e/") ? engine.handle(req, res) : notFound(req, res)));
    await new Promise<void>((resolve) => server.listen(Number(process.env.PORT), "127.0.0.1", resolve));
    stopServing = async () => {
      server.closeAllConnections();
      server.close();
    };
  }
  console.log(processes > 0 ? `Ebb: ${processes} gateway processes in front of the engine, as npm start runs it` : "Ebb: the gateway on the engine's thread");
  const gatewayBase = `http://127.0.0.1:${process.env.PORT}/e/${caller.organizationSlug}`;
  for (const endpoint of served) while (engine.provider.ready(endpoint.id).length === 0) await new Promise((r) => setTimeout(r, 100));
  const directBase = (i: number) => engine.provider.ready(served[i]!.id)[0]!.url;
  const nginx = await startNginx(UPSTREAMS.map((u, i) => ({ name: u.name, url: directBase(i) })));
  if (!nginx) console.log("nginx is not installed (apt-get install -y nginx): Ebb is compared with direct and bare Node only.");
  const nodeProxy = await startNodeProxy(UPSTREAMS.map((u, i) => ({ name: u.name, url: directBase(i) })), processes);

  const paths = (i: number) => {
    const name = UPSTREAMS[i]!.name;
    const list = [
      { path: "direct", url: `${directBase(i)}/v1/completions` },
      { path: "Ebb", url: `${gatewayBase}/${name}/v1/completions` },
    ];
    if (nginx) list.push({ path: "nginx", url: `${nginx.base}/${name}/v1/completions` });
    list.push({ path: "node", url: `${nodeProxy.base}/${name}/v1/completions` });
    return list;
  };
  let failures = 0;
  const verdicts: string[] = [];

  // 1. Constant-rate load.
  for (const [i, upstream] of UPSTREAMS.entries()) {
    for (const { url } of paths(i)) await openLoop(url, 200, 1, 0); // warm code paths
    for (const rate of rates) {
      console.log(`\n${upstream.label}, ${rate} req/s for ${seconds} s (latency from when each request was due)`);
      const rows = new Map<string, ReturnType<typeof percentiles>>();
      for (const { path: name, url } of paths(i)) {
        const r = await openLoop(url, rate);
        failures += r.errors;
        const p = percentiles(r.totalMs);
        rows.set(name, p);
        console.log(`  ${name.padEnd(7)} p50 ${ms(p.p50)}   p95 ${ms(p.p95)}   p99 ${ms(p.p99)}   max ${ms(p.max)}   ${r.count} ok, ${r.errors} errors`);
      }
      const direct = rows.get("direct")!;
      for (const name of ["Ebb", "nginx", "node"]) {
        const p = rows.get(name);
        if (p) console.log(`  ${name} adds: p50 ${signed(p.p50 - direct.p50)}, p95 ${signed(p.p95 - direct.p95)}, p99 ${signed(p.p99 - direct.p99)}`);
      }
      const ebb = rows.get("Ebb")!;
      if (rate === Math.max(...rates) && upstream.delayMs === 100) {
        verdicts.push(`1. ${upstream.label} at ${rate} req/s: Ebb adds p99 ${signed(ebb.p99 - direct.p99)} (goal ≤ 10 ms); its slowest request ${ms(ebb.max)}`);
      }
      if (rate === Math.max(...rates) && upstream.delayMs === 0) {
        verdicts.push(`2b. ${upstream.label} at ${rate} req/s: Ebb adds p50 ${signed(ebb.p50 - direct.p50)} (goal ≤ 0.3 ms)`);
      }
    }
  }

  // 2. Uncapped throughput.
  console.log(`\nUncapped: ${connections} keep-alive connections for ${seconds} s to the replica answering at once`);
  const throughput = new Map<string, number>();
  for (const { url } of paths(0)) await uncapped(url, connections, 1, body);
  // CPU the proxy itself spends per request: Ebb's gateway processes and engine, nginx's master and workers.
  const proxyProcesses: Record<string, () => number[][]> = {
    direct: () => [],
    Ebb: () => [gatewayPids(), [process.pid]],
    nginx: () => (nginx ? [processTree(nginx.pid)] : []),
    node: () => [processTree(nodeProxy.pids()[0]!)],
  };
  const cpuPerRequest = new Map<string, number[]>();
  for (const { path: name, url } of paths(0)) {
    const groups = proxyProcesses[name]!();
    const before = groups.map(cpuSeconds);
    const t = await uncapped(url, connections, seconds, body);
    const perRequestUs = groups.map((pids, i) => ((cpuSeconds(pids) - before[i]!) / (t.requestsPerSecond * seconds)) * 1e6);
    cpuPerRequest.set(name, perRequestUs);
    failures += t.errors;
    throughput.set(name, t.requestsPerSecond);
    const cpu = perRequestUs.length ? `   CPU ${perRequestUs.reduce((a, b) => a + b, 0).toFixed(0)} µs/request${name === "Ebb" && processes > 0 ? ` (gateways ${perRequestUs[0]!.toFixed(0)}, engine ${perRequestUs[1]!.toFixed(0)})` : ""}` : "";
    console.log(`  ${name.padEnd(7)} ${t.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${ms(t.p50Ms)}   p99 ${ms(t.p99Ms)}   ${t.errors} errors (${t.client})${cpu}`);
  }
  const ebbRate = throughput.get("Ebb")!;
  const nodeRate = throughput.get("node")!;
  console.log(`  Ebb/direct ${(ebbRate / throughput.get("direct")!).toFixed(2)}   Ebb/bare Node ${(ebbRate / nodeRate).toFixed(2)}${nginx ? `   Ebb/nginx ${(ebbRate / throughput.get("nginx")!).toFixed(2)}   bare Node/nginx ${(nodeRate / throughput.get("nginx")!).toFixed(2)}   nginx/direct ${(throughput.get("nginx")! / throughput.get("direct")!).toFixed(2)}` : ""}`);
  if (nginx) {
    const total = (name: string) => cpuPerRequest.get(name)!.reduce((a, b) => a + b, 0);
    verdicts.push(
      `2a. uncapped throughput Ebb/nginx ${(ebbRate / throughput.get("nginx")!).toFixed(2)} (goal ≥ 0.6); CPU per request Ebb/nginx ${(total("Ebb") / total("nginx")).toFixed(1)}; ` +
        `the bare Node proxy/nginx ${(nodeRate / throughput.get("nginx")!).toFixed(2)}, Ebb/bare Node ${(ebbRate / nodeRate).toFixed(2)}`,
    );
  }

  // 3. Many paused endpoints beside the served ones.
  const slowUrl = `${gatewayBase}/slow/v1/completions`;
  const ttfbRate = 200;
  const few = percentiles((await openLoop(slowUrl, ttfbRate)).firstByteMs);
  console.log(`\nCreating ${paused - 3} more paused endpoints…`);
  await createPaused(3, paused);
  await new Promise((r) => setTimeout(r, 3000)); // a few reconcile passes over all of them
  const many = percentiles((await openLoop(slowUrl, ttfbRate)).firstByteMs);
  console.log(`Time to first byte through Ebb, replica answering in 100 ms, ${ttfbRate} req/s:`);
  console.log(`  5 endpoints    p50 ${ms(few.p50)}   p95 ${ms(few.p95)}   p99 ${ms(few.p99)}`);
  console.log(`  ${String(paused + 2).padEnd(3)} endpoints  p50 ${ms(many.p50)}   p95 ${ms(many.p95)}   p99 ${ms(many.p99)}`);
  verdicts.push(`3. time to first byte with ${paused} paused endpoints / with 5: p50 ${(many.p50 / few.p50).toFixed(3)}, p95 ${(many.p95 / few.p95).toFixed(3)} (goal ≤ 1.10)`);

  console.log(`\nAgainst the goals:\n  ${verdicts.join("\n  ")}`);
  await nginx?.stop();
  await nodeProxy.stop();
  await stopServing();
  await engine.stop({ stopReplicas: true });
  process.exit(failures > 0 ? 1 : 0);
}

await main();
