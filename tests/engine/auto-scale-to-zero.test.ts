import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { endpointJson } from "@/lib/api/endpoint-json";
import { endpointEvents, requestLog } from "@/lib/db/schema";
import { createEndpoint, updateEndpointPolicy } from "@/lib/services/endpoints";
import type { Caller } from "@/lib/services/caller";
import { createOrganization } from "../support/accounts";
import { getDb, withTestDatabase } from "../support/database";
import { endpointRow, startTestEngine, waitFor, type TestEngine } from "../support/engine";

withTestDatabase();

let owner: Caller;
let test: TestEngine;
const MIN = 60_000;

beforeAll(async () => {
  owner = await createOrganization("Auto Org");
  test = await startTestEngine({ controller: { learnEveryMs: 1000 } });
});

afterAll(async () => {
  await test?.close();
});

it("learns an Auto endpoint's scale-to-zero timeout from its idle gaps, and learns it again when the policy changes", async () => {
  const base = { name: "auto", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1, scaleToZeroMinutes: 15, scaleToZeroAuto: true };
  const endpoint = await createEndpoint({ caller: owner, input: base });
  // No gaps yet: the set 15 minutes hold.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect((await endpointRow(endpoint.id)).scaleToZeroLearnedSeconds).toBeNull();

  // A week of a developer's sessions: requests 3 minutes apart, sessions 8 hours apart.
  const start = Date.now() - 7 * 24 * 60 * MIN;
  const seconds: number[] = [];
  for (let session = 0; session < 20; session++) for (let k = 0; k < 5; k++) seconds.push(start + session * 8 * 60 * MIN + k * 3 * MIN);
  const db = await getDb();
  await db.insert(requestLog).values(seconds.map((s) => ({ endpointId: endpoint.id, second: new Date(Math.floor(s / 1000) * 1000), offsetsMs: [0], serviceMs: [1500], heldMs: [0], statuses: [200] })));
  await updateEndpointPolicy({ caller: owner, name: "auto", input: { ...base, coldStartWorthMinutes: 30 } });

  const learned = await waitFor(async () => (await endpointRow(endpoint.id)).scaleToZeroLearnedSeconds, 15_000, "a learned timeout");
  // Just past the 3-minute pauses; the 8-hour nights are let go.
  expect(learned).toBeGreaterThan(180);
  expect(learned).toBeLessThan(240);
  const row = await endpointRow(endpoint.id);
  expect(endpointJson(row, "http://ebb", owner.organizationSlug).policy).toMatchObject({ scaleToZeroAuto: true, coldStartWorthMinutes: 30, scaleToZeroMinutes: 15, learnedScaleToZeroMinutes: 3 });
  const events = await db.select().from(endpointEvents).where(and(eq(endpointEvents.endpointId, endpoint.id), eq(endpointEvents.kind, "scale-to-zero-learned")));
  expect(events.at(-1)!.message).toMatch(/^Auto scale-to-zero: after 3\.\d min, learned from 99 idle gaps \(a cold start weighed as 30 min of replica time\)$/);
  expect(events.at(-1)!.actorType).toBe("autoscaler");

  // Back to a fixed timeout: nothing learned is used or shown.
  await updateEndpointPolicy({ caller: owner, name: "auto", input: { ...base, scaleToZeroAuto: false } });
  const fixed = await endpointRow(endpoint.id);
  expect(fixed.scaleToZeroLearnedSeconds).toBeNull();
  expect(endpointJson(fixed, "http://ebb", owner.organizationSlug).policy.learnedScaleToZeroMinutes).toBeNull();
});
