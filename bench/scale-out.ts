/**
 * Ebb past one process, in one run: several Ebb processes on one PostgreSQL, the same load sent to the
 * replicas directly, through one Ebb gateway, and through two behind a round-robin (nginx, as the
 * operator's load balancer; the one-gateway path goes through the same nginx, so the difference is the
 * second process). The first process leads and runs the replicas; the second serves traffic only
 * (EBB_ROLE=gateway), routing to them from the shared directory.
 *
 *   npm run bench:scale-out [-- --seconds 5 --rate 500 --connections 64]
 *
 * Needs PostgreSQL (DATABASE_URL or TEST_DATABASE_URL, whose user may create databases: the bench makes
 * one and drops it) and nginx (apt-get install -y nginx).
 */
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import postgres from "postgres";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    rate: { type: "string", default: "500" },
    connections: { type: "string", default: "64" },
  },
});
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const connections = Number(values.connections);
const adminUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!adminUrl) {
  console.error("bench:scale-out needs PostgreSQL: set DATABASE_URL or TEST_DATABASE_URL (a user that may create databases).");
  process.exit(2);
}

const { benchRuntimesFile } = await import("./support/runtimes");
process.env.EBB_RUNTIMES_FILE = benchRuntimesFile([{ name: "instant", delayMs: 0 }]);
const { eq } = await import("drizzle-orm");
const { openDatabase, setProcessDatabase, closeDatabase, getDb } = await import("@/lib/db");
const { replicas } = await import("@/lib/db/schema");
const { reloadRuntimeCatalog } = await import("@/lib/runtimes/catalog");
const { signUp } = await import("@/lib/services/accounts");
const { getCallerByUserId } = await import("@/lib/services/caller");
const { createEndpoint } = await import("@/lib/services/endpoints");
const { startEbb } = await import("../tests/support/ebb-process");
const { startNginx } = await import("./support/nginx");
const { uncapped } = await import("./support/wrk");
const { cpuSeconds, processTree } = await import("./support/cpu");
const { openLoop, percentiles } = await import("./support/open-loop");

const body = JSON.stringify({ prompt: "We hold these truths", max_tokens: 2 });
const ms = (x: number) => `${x.toFixed(2).padStart(8)} ms`;
const signed = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(2)} ms`;

async function main() {
  const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
  const name = `ebb_bench_${crypto.randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    reloadRuntimeCatalog();
    setProcessDatabase(await openDatabase({ kind: "postgres", url: databaseUrl }));
    const { user } = await signUp({ name: "Bench", email: "bench@example.com", password: "bench-password-1", organization: "Bench" }, { mode: "open" });
    const caller = (await getCallerByUserId({ userId: user.id }))!;
    // Two replicas, fixed: what is measured is the gateways in front of them.
    const endpoint = await createEndpoint({
      caller,
      input: { name: "bench", model: "acme/bench", instanceType: "cpu-small", autoscaling: false, minReplicas: 2, maxReplicas: 2, runtime: { name: "bench-instant" } },
    });

    const env = { EBB_GATEWAY_PROCESSES: "1", EBB_STOP_REPLICAS_ON_EXIT: "true" };
    const leader = await startEbb("leader", databaseUrl, { ...env, EBB_ROLE: "gateway,controller" });
    cleanups.push(() => leader.stop());
    const second = await startEbb("second", databaseUrl, { ...env, EBB_ROLE: "gateway" });
    cleanups.unshift(() => second.stop());
    const db = await getDb();
    let ready: { port: number | null }[] = [];
    for (let i = 0; ready.length < 2; i++) {
      if (i > 600) throw new Error("the replicas were not ready within a minute");
      await new Promise((r) => setTimeout(r, 100));
      ready = (await db.select().from(replicas).where(eq(replicas.endpointId, endpoint.id))).filter((r) => r.status === "ready");
    }
    const path = `/e/${caller.organizationSlug}/bench`;
    const nginx = await startNginx([
      { name: "direct", url: ready.map((r) => `http://127.0.0.1:${r.port}`) },
      { name: "one", url: leader.url },
      { name: "two", url: [leader.url, second.url] },
    ]);
    if (!nginx) throw new Error("nginx is not installed (apt-get install -y nginx): it is the round-robin in front of the gateways.");
    cleanups.unshift(() => nginx.stop());
    const paths = [
      { label: "replicas directly (round-robin over both)", key: "direct", url: `${nginx.base}/direct/v1/completions`, pids: () => [] as number[] },
      { label: "one Ebb gateway", key: "one", url: `${nginx.base}/one${path}/v1/completions`, pids: () => processTree(leader.child.pid!) },
      { label: "two Ebb gateways, round-robin", key: "two", url: `${nginx.base}/two${path}/v1/completions`, pids: () => [...processTree(leader.child.pid!), ...processTree(second.child.pid!)] },
    ];
    // Every path once at a low rate: connections and code paths warm.
    for (const p of paths) await openLoop(p.url, 100, 1, body, 0);

    console.log(`\n${rate} req/s for ${seconds} s (latency from when each request was due), all through nginx`);
    const latency = new Map<string, ReturnType<typeof percentiles>>();
    for (const p of paths) {
      const r = await openLoop(p.url, rate, seconds, body);
      const q = percentiles(r.totalMs);
      latency.set(p.key, q);
      console.log(`  ${p.label.padEnd(42)} p50 ${ms(q.p50)}   p99 ${ms(q.p99)}   ${r.count} ok, ${r.errors} errors`);
    }
    const direct = latency.get("direct")!;
    for (const key of ["one", "two"]) {
      const q = latency.get(key)!;
      console.log(`  ${key === "one" ? "one gateway" : "two gateways"} add: p50 ${signed(q.p50 - direct.p50)}, p99 ${signed(q.p99 - direct.p99)}`);
    }

    console.log(`\nUncapped: ${connections} keep-alive connections for ${seconds} s`);
    const throughput = new Map<string, number>();
    for (const p of paths) {
      const pids = p.pids();
      const before = cpuSeconds(pids);
      const t = await uncapped(p.url, connections, seconds, body);
      throughput.set(p.key, t.requestsPerSecond);
      const cpu = pids.length ? `   Ebb CPU ${(((cpuSeconds(pids) - before) / (t.requestsPerSecond * seconds)) * 1e6).toFixed(0)} µs/request` : "";
      console.log(`  ${p.label.padEnd(42)} ${t.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${ms(t.p50Ms)}   p99 ${ms(t.p99Ms)}   ${t.errors} errors (${t.client})${cpu}`);
    }
    const one = throughput.get("one")!;
    const two = throughput.get("two")!;
    console.log(`  two gateways / one: ${(two / one).toFixed(2)}   one / direct: ${(one / throughput.get("direct")!).toFixed(2)}   two / direct: ${(two / throughput.get("direct")!).toFixed(2)}`);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => {});
    await closeDatabase();
    await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
  }
}

await main();
process.exit(0);
