/**
 * The autoscaler against real traffic, in simulated time: each trace replayed through `decide()` (the
 * controller's own) at cold starts of 5, 30 and 120 s. Per trace it prints replica-hours, the share of
 * them spent on replicas stopped before they were ever ready, starts, cold starts from zero and requests
 * held for a start; for the development endpoints, scale-to-zero timeouts of 5, 15 and 60 minutes, and
 * Auto (each endpoint's timeout learned from its own idle gaps) against the fixed 15 minutes.
 *
 *   npm run bench:replay
 */
import path from "node:path";
import { replay, type ReplayOptions, type ReplayRequest, type ReplayResult } from "@/lib/replay/replay";
import { AZURE_CONVERSATION_TRACE } from "@/lib/traces/azure";
import { AZURE_CODE_TRACE, azureReplayRequests, devSessionFiles, devSessionRequests } from "@/lib/traces/replay-requests";

const COLD_STARTS_S = [5, 30, 120];
const PRICE = { pricePerHour: 1, storagePricePerHour: 0.015 };

function row(label: string, r: ReplayResult): string {
  const hours = r.replicaSeconds / 3600;
  const waste = r.replicaSeconds > 0 ? (100 * r.wastedSeconds) / r.replicaSeconds : 0;
  const delay = r.delayP50Ms === null ? "–" : `${(r.delayP50Ms / 1000).toFixed(1)}/${(r.delayP99Ms! / 1000).toFixed(1)} s`;
  return [
    label.padEnd(34),
    `${hours.toFixed(2).padStart(8)} replica-h`,
    `${waste.toFixed(1).padStart(5)} % never served`,
    `${String(r.replicaStarts).padStart(4)} starts (${r.startsCancelled} cancelled)`,
    `${String(r.coldStarts).padStart(4)} cold starts`,
    `${String(r.delayedRequests).padStart(5)} held, p50/p99 ${delay}`,
    `peak ${r.peakReplicas}`,
  ].join("  ");
}

function sum(results: ReplayResult[]): ReplayResult {
  const total = { ...results[0]! };
  for (const r of results.slice(1)) {
    for (const key of ["requests", "replicaSeconds", "wastedSeconds", "replicaStarts", "startsCancelled", "coldStarts", "delayedRequests", "computeCost", "storageCost"] as const) total[key] += r[key];
    total.peakReplicas = Math.max(total.peakReplicas, r.peakReplicas);
  }
  total.delayP50Ms = null;
  total.delayP99Ms = null;
  return total;
}

const burstPolicy = { autoscaling: true, minReplicas: 0, maxReplicas: 20, scaleToZeroSeconds: 15 * 60, targetConcurrency: 4 };
for (const [name, file] of [["code", AZURE_CODE_TRACE], ["conversation", AZURE_CONVERSATION_TRACE]] as const) {
  const requests = azureReplayRequests(file);
  console.log(`\n${path.basename(file)}: ${requests.length} requests in one hour; min 0, max 20, target 4, timeout 15 min`);
  for (const coldStart of COLD_STARTS_S) {
    const options: ReplayOptions = { policy: burstPolicy, coldStartMs: coldStart * 1000, ...PRICE };
    console.log(row(`${name}, ${coldStart} s cold start`, replay(requests, options)));
  }
}

const endpoints: ReplayRequest[][] = devSessionFiles().map(devSessionRequests);
console.log(`\ndev-sessions: ${endpoints.length} endpoints × 7 days, ${endpoints.reduce((n, e) => n + e.length, 0)} requests; min 0, max 2, target 4`);
const week = { from: 0, to: 7 * 24 * 3_600_000 };
const devPolicy = { autoscaling: true, minReplicas: 0, maxReplicas: 2, scaleToZeroSeconds: 15 * 60, targetConcurrency: 4 };
const replayAll = (policy: ReplayOptions["policy"], coldStart: number) => sum(endpoints.map((requests) => replay(requests, { policy, coldStartMs: coldStart * 1000, ...PRICE, ...week })));
for (const coldStart of COLD_STARTS_S) {
  let fixed15: ReplayResult | null = null;
  for (const minutes of [5, 15, 60]) {
    const result = replayAll({ ...devPolicy, scaleToZeroSeconds: minutes * 60 }, coldStart);
    if (minutes === 15) fixed15 = result;
    console.log(row(`dev, ${coldStart} s cold start, ${minutes} min`, result));
  }
  // Auto: each endpoint's timeout learned from its own gaps as the week goes (15 min until it has 5).
  const auto = replayAll({ ...devPolicy, scaleToZeroAuto: true }, coldStart);
  console.log(row(`dev, ${coldStart} s cold start, Auto`, auto));
  const change = (a: number, b: number) => `${a >= b ? "+" : ""}${((100 * (a - b)) / b).toFixed(1)} %`;
  console.log(`  Auto against fixed 15 min: replica-hours ${change(auto.replicaSeconds, fixed15!.replicaSeconds)}, cold starts ${change(auto.coldStarts, fixed15!.coldStarts)}`);
}
