/**
 * The control plane against the data plane, in one run: the duration of a reconcile pass with 5 and with
 * 500 paused endpoints, and the time a request takes to wake an endpoint from zero, alone and while a
 * day of raw rows is rolled up. Prints percentiles and the ratios between the two of each pair.
 *
 *   npm run bench:controller [-- --endpoints 500 --seconds 10 --wakes 5]
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { getDb, openDatabase, setProcessDatabase } from "@/lib/db";
import { endpoints, replicaSamples, requestStats } from "@/lib/db/schema";
import { startEngine, type Engine } from "@/lib/engine";
import { LATENCY_BUCKETS_MS } from "@/lib/domain/latency";
import { signUp } from "@/lib/services/accounts";
import { getCallerByUserId, type Caller } from "@/lib/services/caller";
import { createEndpoint, pauseEndpoint } from "@/lib/services/endpoints";
import { wakeClient } from "./support/wake-client-process";

const { values } = parseArgs({ options: { endpoints: { type: "string", default: "500" }, seconds: { type: "string", default: "10" }, wakes: { type: "string", default: "5" } } });
const many = Number(values.endpoints);
const seconds = Number(values.seconds);
const wakes = Number(values.wakes);
// Quotas of a large organization, before anything reads the environment.
process.env.EBB_QUOTA_ENDPOINTS = String(many + 10);
process.env.EBB_QUOTA_REPLICAS = String(many * 10);

const durations: number[] = [];
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pausedEndpoints(caller: Caller, from: number, to: number) {
  for (let i = from; i < to; i++) {
    await createEndpoint({ caller, input: { name: `paused-${i}`, model: "acme/m", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1 } });
    await pauseEndpoint({ caller, name: `paused-${i}` });
  }
}

/** Reconcile passes over `seconds`: p50 and p99 in milliseconds. */
async function passes(): Promise<{ count: number; p50: number; p99: number }> {
  await sleep(2000);
  durations.length = 0;
  await sleep(seconds * 1000);
  const sorted = durations.map((s) => s * 1000).sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function atZero(engine: Engine, id: string) {
  for (;;) {
    const [row] = await (await getDb()).select({ state: endpoints.state }).from(endpoints).where(eq(endpoints.id, id));
    if (row?.state === "scaledToZero" && engine.provider.active(id).length === 0) return;
    await sleep(100);
  }
}

/** Milliseconds until a request to an endpoint at zero is answered, `during` already running when it is sent. */
async function wake(engine: Engine, client: ReturnType<typeof wakeClient>, id: string, during?: () => Promise<void>): Promise<number> {
  await atZero(engine, id);
  const alongside = during?.();
  const { ms } = await client.send();
  await alongside;
  return ms;
}

/** A day of raw samples and traffic at 10 s for one endpoint, not yet rolled up: its watermark moves back to the day's start. */
async function seedDay(endpointId: string, dayStart: number) {
  const db = await getDb();
  await db.update(endpoints).set({ metricsThrough: new Date(dayStart) }).where(eq(endpoints.id, endpointId));
  const samples = Array.from({ length: 8640 }, (_, i) => ({ endpointId, at: new Date(dayStart + i * 10_000), ready: i % 3, target: i % 3 }));
  const stats = Array.from({ length: 8640 }, (_, i) => ({
    endpointId,
    at: new Date(dayStart + i * 10_000),
    requests: 5,
    status2xx: 5,
    status4xx: 0,
    status5xx: 0,
    latencyMsSum: 500,
    latencyMsMax: 200,
    latencyHistogram: LATENCY_BUCKETS_MS.map((_, b) => (b === 3 ? 5 : 0)).concat(0),
  }));
  for (let i = 0; i < samples.length; i += 1000) {
    await db.insert(replicaSamples).values(samples.slice(i, i + 1000)).onConflictDoNothing();
    await db.insert(requestStats).values(stats.slice(i, i + 1000)).onConflictDoNothing();
  }
}

async function main() {
  setProcessDatabase(await openDatabase(process.env.DATABASE_URL ? { kind: "postgres", url: process.env.DATABASE_URL } : { kind: "pglite" }));
  const { user } = await signUp({ name: "Bench", email: "bench@example.com", password: "bench-password-1", organization: "Bench" }, { mode: "open" });
  const caller = (await getCallerByUserId({ userId: user.id }))!;
  const engine = await startEngine({ controller: { onReconciled: (s) => durations.push(s), rollupEveryMs: 3_600_000 } });
  const server = http.createServer((req, res) => void engine.handle(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // The endpoint woken from zero: Min 0, one second of idle before it scales down again.
  const woken = await createEndpoint({ caller, input: { name: "wake", model: "acme/m", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1 } });
  await (await getDb()).update(endpoints).set({ scaleToZeroSeconds: 1 }).where(eq(endpoints.id, woken.id));
  const url = `${base}/e/${caller.organizationSlug}/wake/v1/completions`;

  await pausedEndpoints(caller, 0, 4);
  const few = await passes();
  const client = wakeClient(url);
  const alone: number[] = [];
  const duringRollup: number[] = [];
  const rollups: number[] = [];
  const timedRollup = async () => {
    const started = performance.now();
    await engine.controller.rollUpNow();
    rollups.push(performance.now() - started);
  };
  // Alternated, so drift on a shared machine falls on both alike.
  for (let i = 0; i < wakes; i++) {
    alone.push(await wake(engine, client, woken.id));
    await seedDay(woken.id, Date.UTC(2026, 0, 1 + i));
    duringRollup.push(await wake(engine, client, woken.id, timedRollup));
  }
  client.close();

  console.log(`creating ${many - 5} more paused endpoints…`);
  await pausedEndpoints(caller, 4, many - 1);
  const lots = await passes();

  const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
  console.log(`reconcile pass, ${few.count} passes with 5 endpoints: p50 ${few.p50.toFixed(1)} ms, p99 ${few.p99.toFixed(1)} ms`);
  console.log(`reconcile pass, ${lots.count} passes with ${many} endpoints: p50 ${lots.p50.toFixed(1)} ms, p99 ${lots.p99.toFixed(1)} ms (ratio ${(lots.p99 / few.p99).toFixed(2)})`);
  console.log(`wake from zero alone: median ${median(alone).toFixed(0)} ms (${alone.map((x) => x.toFixed(0)).join(", ")})`);
  console.log(`wake from zero during a day's rollup: median ${median(duringRollup).toFixed(0)} ms (${duringRollup.map((x) => x.toFixed(0)).join(", ")}), ratio ${(median(duringRollup) / median(alone)).toFixed(2)}; the rollups took ${rollups.map((x) => x.toFixed(0)).join(", ")} ms`);

  await engine.stop({ stopReplicas: true });
  server.close();
  process.exit(0);
}

void main();
