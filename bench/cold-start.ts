/**
 * A wake from zero split into Ebb's parts and the replica's, for several wakes in one run, through the
 * gateway processes as `npm start` runs them:
 *   arrival → start       the request reaches the gateway, which asks the controller, which starts a replica;
 *   start → healthy       the replica process spawns and loads (the runtime's own time);
 *   healthy → first byte  the gateway learns of the ready replica and sends it the held request, whose
 *                         first byte (a two-token completion of the built-in model) reaches the client.
 * Ebb's share is the first and the last.
 *
 *   npm run bench:cold-start [-- --wakes 5 --processes 2]
 */
import http from "node:http";
import os from "node:os";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    wakes: { type: "string", default: "5" },
    processes: { type: "string", default: String(Math.min(4, os.availableParallelism())) },
  },
});
const wakes = Number(values.wakes);
const processes = Number(values.processes);
const { freePort } = await import("@/lib/providers/local/process");
const { percentile } = await import("./support/percentile");
const { wakeClient } = await import("./support/wake-client-process");
Object.assign(process.env, { PORT: String(await freePort()), HOST: "127.0.0.1" });

const { eq } = await import("drizzle-orm");
const { getDb, openDatabase, setProcessDatabase } = await import("@/lib/db");
const { endpoints } = await import("@/lib/db/schema");
const { startEngine } = await import("@/lib/engine");
const { startFront } = await import("@/lib/front/front");
const { signUp } = await import("@/lib/services/accounts");
const { getCallerByUserId } = await import("@/lib/services/caller");
const { createEndpoint } = await import("@/lib/services/endpoints");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  setProcessDatabase(await openDatabase({ kind: "pglite" }));
  const { user } = await signUp({ name: "Bench", email: "bench@example.com", password: "bench-password-1", organization: "Bench" }, { mode: "open" });
  const caller = (await getCallerByUserId({ userId: user.id }))!;
  const endpoint = await createEndpoint({ caller, input: { name: "wake", model: "ebb/ngram-declaration", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1 } });
  // One second of idle before it scales to zero again.
  await (await getDb()).update(endpoints).set({ scaleToZeroSeconds: 1 }).where(eq(endpoints.id, endpoint.id));
  const engine = await startEngine();
  const notFound: http.RequestListener = (_req, res) => void res.writeHead(404).end();
  const front = processes > 0 ? await startFront({ engine, console: notFound, processes }) : null;
  let server: http.Server | null = null;
  if (!front) {
    server = http.createServer((req, res) => void engine.handle(req, res));
    await new Promise<void>((resolve) => server!.listen(Number(process.env.PORT), "127.0.0.1", resolve));
  }
  const client = wakeClient(`http://127.0.0.1:${process.env.PORT}/e/${caller.organizationSlug}/wake/v1/completions`);

  console.log(`${wakes} wakes from zero through ${front ? `${processes} gateway processes` : "the gateway on the engine's thread"}:`);
  console.log("  arrival→start   start→healthy   healthy→first byte   total   Ebb's share");
  const shares: number[] = [];
  // The first request a fresh gateway process proxies also loads its code: shown, not counted.
  for (let i = -1; i < wakes; i++) {
    // At zero: no replica left, the state written.
    for (;;) {
      const [row] = await (await getDb()).select({ state: endpoints.state }).from(endpoints).where(eq(endpoints.id, endpoint.id));
      if (row?.state === "scaledToZero" && engine.provider.all().every((r) => r.endpointId !== endpoint.id)) break;
      await sleep(100);
    }
    await sleep(500);
    const wake = await client.send();
    const replica = engine.provider.ready(endpoint.id).at(-1)!;
    const toStart = replica.startedAt - wake.sentAt;
    const toHealthy = replica.readyAt! - replica.startedAt;
    const toFirstByte = wake.firstByteAt - replica.readyAt!;
    const share = toStart + toFirstByte;
    if (i >= 0) shares.push(share);
    const f = (ms: number, width: number) => `${ms.toFixed(0)} ms`.padStart(width);
    console.log(`  ${f(toStart, 13)}   ${f(toHealthy, 13)}   ${f(toFirstByte, 18)}   ${f(wake.firstByteAt - wake.sentAt, 5)}   ${f(share, 11)}${i < 0 ? "   (first, not counted)" : ""}`);
  }
  const sorted = [...shares].sort((a, b) => a - b);
  console.log(`Ebb's share: median ${percentile(sorted, 0.5).toFixed(0)} ms, p95 ${percentile(sorted, 0.95).toFixed(0)} ms (goal ≤ 100 ms)`);

  client.close();
  await front?.stop(5);
  server?.close();
  await engine.stop({ stopReplicas: true });
  process.exit(0);
}

await main();
