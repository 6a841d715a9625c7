import { afterAll, beforeAll, expect, it } from "vitest";
import { ROLLUP_LAG_MS } from "@/lib/costs/rollup";
import { compress, readTrace, type TraceRequest } from "@/lib/traces/azure";
import type { Caller } from "@/lib/services/caller";
import { getWhatIf } from "@/lib/services/what-if";
import { createOrganization } from "../support/accounts";
import { withTestDatabase } from "../support/database";
import { createTestEndpoint, endpointRow, startTestEngine, waitFor, type TestEngine } from "../support/engine";
import { nonSuccess, replayTrace } from "../support/load";

withTestDatabase();

let owner: Caller;
let test: TestEngine;
// Time compressed tenfold, as the controller runs in this test: the replays must use the same windows.
const timing = { windows: { stableMs: 6000, panicMs: 600 }, tickMs: 200 };

beforeAll(async () => {
  owner = await createOrganization("What-if Org");
  test = await startTestEngine({ controller: { windows: timing.windows, tickMs: timing.tickMs, rollupEveryMs: 1000 } });
});

afterAll(async () => {
  await test?.close();
});

it("replays the traffic an endpoint served: the current policy agrees with the ledger, the alternatives differ", async () => {
  const endpoint = await createTestEndpoint(owner, { name: "replayed", min: 0, max: 4, targetConcurrency: 4, scaleToZeroSeconds: 3, loadSeconds: 1, tokensPerSecond: 100 });
  await waitFor(async () => (await endpointRow(endpoint.id)).state === "scaledToZero", 20_000, "scaledToZero once idle");

  // Two bursts of the Azure code trace at 12× speed, with an idle gap longer than the timeout between them.
  const trace = readTrace();
  const burst = (fromMs: number) => compress(trace, { fromMs, durationMs: 90_000, speedup: 12 });
  const first = burst(0);
  const second = burst(600_000).map((r) => ({ ...r, offsetMs: r.offsetMs + 7_500 + 8_000 }));
  const requests: TraceRequest[] = [...first, ...second];
  const outcomes = await replayTrace(`${test.url}/e/${owner.organizationSlug}/replayed/v1/completions`, requests, {
    scaleUpTimeout: 60,
    maxTokens: (r) => Math.max(1, Math.min(20, r.generatedTokens)),
  });
  expect(nonSuccess(outcomes)).toBe(0);
  await waitFor(async () => (await endpointRow(endpoint.id)).state === "scaledToZero", 30_000, "scaledToZero after the traffic");
  await waitFor(() => test.engine.provider.all().filter((r) => r.endpointId === endpoint.id).length === 0, 20_000, "the replicas to stop");

  // The ledger is rolled up to a few seconds ago: the period ends there, after the last request.
  await new Promise((resolve) => setTimeout(resolve, ROLLUP_LAG_MS));
  await test.engine.controller.rollUpNow();
  const whatIf = await getWhatIf({ caller: owner, name: "replayed", days: 1, timing });
  console.log(`what-if: recorded ${JSON.stringify(whatIf.recorded)}, replayed ${JSON.stringify(whatIf.current.outcome)}, agreement ${JSON.stringify(whatIf.agreement)}`);

  expect(whatIf.requests).toBe(requests.length);
  expect(whatIf.coldStartMeasured).toBe(true);
  expect(whatIf.coldStartSeconds).toBeGreaterThanOrEqual(1);
  // At creation, and once per burst.
  expect(whatIf.recorded.coldStarts).toBeGreaterThanOrEqual(3);
  expect(whatIf.agreement.replicaHours).toBeGreaterThan(0.9);
  expect(whatIf.agreement.replicaHours).toBeLessThan(1.1);
  expect(whatIf.agreement.cost).toBeGreaterThan(0.9);
  expect(whatIf.agreement.cost).toBeLessThan(1.1);
  expect(Math.abs(whatIf.agreement.coldStarts)).toBeLessThanOrEqual(1);
  expect(whatIf.agreement.within).toBe(true);

  // Min 1 never starts cold after creation; a 1-minute timeout keeps the replica through the gap.
  const warm = whatIf.points.find((p) => p.policy.minReplicas === 1 && p.policy.autoscaling)!;
  expect(warm.outcome.coldStarts).toBeLessThan(whatIf.current.outcome.coldStarts);
  const oneMinute = whatIf.points.find((p) => p.policy.minReplicas === 0 && p.policy.scaleToZeroMinutes === 1)!;
  expect(oneMinute.outcome.coldStarts).toBeLessThan(whatIf.current.outcome.coldStarts);
  expect(oneMinute.outcome.delayedRequests).toBeLessThan(whatIf.current.outcome.delayedRequests);
  expect(whatIf.points.some((p) => p.frontier)).toBe(true);
});
