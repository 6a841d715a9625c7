/**
 * Chart query speed: seeds N endpoints × D days of replica samples at 10 s resolution (100 × 30 by
 * default, 26 million rows) with their hourly rollups, then times the 30-day replica chart of one
 * endpoint read from the rollup (what the console does) and the same series computed from the raw
 * rows, in one run. Prints p50 / p95 of each and the ratio.
 *
 *   npm run bench:charts [-- --endpoints 100 --days 30 --runs 40]
 *
 * Runs on PostgreSQL when DATABASE_URL is set (a database it may fill and empty), else on in-memory PGlite.
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { getDb, openDatabase, setProcessDatabase } from "@/lib/db";
import { signUp } from "@/lib/services/accounts";
import { getCallerByUserId } from "@/lib/services/caller";
import { getEndpointSeries } from "@/lib/services/metrics";

const { values } = parseArgs({
  options: {
    endpoints: { type: "string", default: "100" },
    days: { type: "string", default: "30" },
    runs: { type: "string", default: "40" },
  },
});
const endpointCount = Number(values.endpoints);
const days = Number(values.days);
const runs = Number(values.runs);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function time(label: string, fn: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  await fn(0);
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn(i);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { label, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

async function main() {
  const url = process.env.DATABASE_URL;
  setProcessDatabase(await openDatabase(url ? { kind: "postgres", url } : { kind: "pglite" }));
  const db = await getDb();
  const stamp = Date.now().toString(36);
  const { user } = await signUp({ name: "Bench", email: `bench-${stamp}@example.com`, password: "bench-password-1", organization: `Charts ${stamp}` });
  const caller = (await getCallerByUserId({ userId: user.id }))!;
  const now = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const from = new Date(now - days * 86_400_000);

  console.log(`bench/charts: seeding ${endpointCount} endpoints × ${days} days at 10 s (${((endpointCount * days * 8640) / 1e6).toFixed(1)} M samples) on ${url ? "PostgreSQL" : "PGlite"}…`);
  const seeded = performance.now();
  await db.execute(sql`
    insert into endpoints (organization_id, name, model, provider, instance_type, min_replicas, max_replicas, created_at)
    select ${caller.organizationId}::uuid, 'bench-' || n, 'acme/bench', 'local', 'cpu-small', 0, 8, ${from.toISOString()}::timestamptz
    from generate_series(1, ${endpointCount}) as n`);
  // A daily wave with noise: replicas between 0 and 8.
  await db.execute(sql`
    insert into replica_samples (endpoint_id, at, ready, target)
    select e.id, t, r, r
    from endpoints e
    cross join generate_series(${from.toISOString()}::timestamptz, ${new Date(now).toISOString()}::timestamptz - interval '10 seconds', interval '10 seconds') as t
    cross join lateral (select greatest(0, least(8, round(4 + 4 * sin(extract(epoch from t) / 13751.0) + random() - 0.5)))::int as r) as v
    where e.organization_id = ${caller.organizationId}::uuid`);
  // The hourly rollup, as the controller keeps it: sums of replica-seconds and maxima per hour.
  await db.execute(sql`
    insert into endpoint_metrics (endpoint_id, resolution, bucket, ready_seconds, billed_seconds, max_ready, max_target, compute_cost)
    select s.endpoint_id, '1h', date_trunc('hour', s.at), sum(s.ready) * 10, sum(s.target) * 10, max(s.ready), max(s.target), sum(s.target) * 10 * 0.15 / 3600
    from replica_samples s join endpoints e on e.id = s.endpoint_id
    where e.organization_id = ${caller.organizationId}::uuid
    group by 1, 3`);
  console.log(`seeded in ${((performance.now() - seeded) / 1000).toFixed(0)} s`);

  const name = (i: number) => `bench-${(i % endpointCount) + 1}`;
  const rollup = await time("rollup (console)", (i) => getEndpointSeries({ caller, name: name(i), range: "30d", now }));
  const raw = await time("raw samples", (i) =>
    db.execute(sql`
      select date_trunc('hour', s.at) as bucket, avg(s.ready) as ready, max(s.target) as target
      from replica_samples s join endpoints e on e.id = s.endpoint_id
      where e.organization_id = ${caller.organizationId}::uuid and e.name = ${name(i)} and s.at >= ${from.toISOString()}::timestamptz
      group by 1 order by 1`),
  );
  const points = (await getEndpointSeries({ caller, name: name(0), range: "30d", now })).points.length;
  console.log(`30-day replica chart of one endpoint (${points} points), ${runs} runs each:`);
  for (const r of [rollup, raw]) console.log(`  ${r.label.padEnd(18)} p50 ${r.p50.toFixed(1).padStart(8)} ms   p95 ${r.p95.toFixed(1).padStart(8)} ms`);
  console.log(`  raw / rollup: p50 ${(raw.p50 / rollup.p50).toFixed(1)}×, p95 ${(raw.p95 / rollup.p95).toFixed(1)}×`);

  await db.execute(sql`delete from organizations where id = ${caller.organizationId}::uuid`);
  process.exit(0);
}

await main();
