import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { and, desc, eq, gte, lt, lte } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { endpointEvents, endpointMetrics, replicaSamples, type EndpointRow } from "@/lib/db/schema";
import { currentPrice } from "@/lib/costs/prices";
import { ROLLUP_LAG_MS } from "@/lib/costs/rollup";
import { policyOfRow, policySchema, toScalingPolicy, type ScalingPolicy } from "@/lib/domain/policy";
import { parseOrThrow } from "@/lib/domain/validation";
import type { Recommendation, WhatIf } from "@/lib/domain/what-if";
import { ValidationError } from "@/lib/errors";
import { loggedSeconds, measuredStartMs } from "@/lib/history/traffic";
import { recordedDelays, recordedRequests } from "@/lib/replay/recorded";
import { replay, type ReplayRequest } from "@/lib/replay/replay";
import { alternatives, describeChange, idleShare, peakReplicasNeeded, recommend, toPoints, type Alternative } from "@/lib/replay/what-if";
import { priceKeyOf } from "@/lib/domain/providers";
import { assertCan, type Caller } from "./caller";
import { getEndpointByName, listEndpoints } from "./endpoints";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** When no replica of the endpoint has started yet. */
const UNMEASURED_START_MS = 1000;
const MAX_POLICIES = 20;

/** The autoscaler's windows and tick the replays use: the controller's, compressed only in tests. */
export interface ReplayTiming {
  windows?: { stableMs: number; panicMs: number };
  tickMs?: number;
}

export const MAX_WHAT_IF_DAYS = 30;

function parseDays(days: unknown): number {
  if (typeof days !== "number" || !Number.isInteger(days) || days < 1 || days > MAX_WHAT_IF_DAYS) {
    throw ValidationError.forField("days", `days must be a whole number from 1 to ${MAX_WHAT_IF_DAYS}.`);
  }
  return days;
}

function parsePolicies(input: unknown): ScalingPolicy[] {
  const list = z.array(z.unknown()).min(1).max(MAX_POLICIES).safeParse(input);
  if (!list.success) throw ValidationError.forField("policies", `policies must be a list of 1 to ${MAX_POLICIES} policies.`);
  return list.data.map((item, i) => {
    try {
      return toScalingPolicy(parseOrThrow(policySchema(), item));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, messages]) => [`policies.${i}.${field}`, messages]));
      throw new ValidationError(fieldErrors, Object.values(fieldErrors)[0]![0]);
    }
  });
}

/**
 * What the ledger says the period cost: its hourly rollups from `fromHour` on (the hour in progress is
 * summed as far as the rollup has gone, which is where the period ends).
 */
async function recordedLedger(endpointId: string, fromHour: number) {
  const db = await getDb();
  const rows = await db
    .select()
    .from(endpointMetrics)
    .where(and(eq(endpointMetrics.endpointId, endpointId), eq(endpointMetrics.resolution, "1h"), gte(endpointMetrics.bucket, new Date(fromHour))));
  return {
    replicaHours: rows.reduce((n, r) => n + r.billedSeconds, 0) / 3600,
    cost: rows.reduce((n, r) => n + r.computeCost + r.storageCost, 0),
    coldStarts: rows.reduce((n, r) => n + r.coldStarts, 0),
  };
}

/** Replicas billed when the period begins (the endpoint may already run). */
async function replicasAt(endpointId: string, at: number): Promise<number> {
  const db = await getDb();
  const [sample] = await db
    .select({ target: replicaSamples.target })
    .from(replicaSamples)
    .where(and(eq(replicaSamples.endpointId, endpointId), lte(replicaSamples.at, new Date(at))))
    .orderBy(desc(replicaSamples.at))
    .limit(1);
  return sample?.target ?? 0;
}

async function wasPausedDuring(endpointId: string, from: number, to: number): Promise<boolean> {
  const db = await getDb();
  const [event] = await db
    .select({ kind: endpointEvents.kind })
    .from(endpointEvents)
    .where(and(eq(endpointEvents.endpointId, endpointId), eq(endpointEvents.kind, "paused"), gte(endpointEvents.at, new Date(from)), lt(endpointEvents.at, new Date(to))))
    .limit(1);
  return !!event;
}

/**
 * The endpoint's recorded traffic of the last `days` replayed under its current policy and the
 * alternatives (or the `policies` given), through the autoscaler's own `decide()`, with its measured
 * start time and its prices; the replay of the current policy beside what the ledger recorded.
 */
export async function getWhatIf({
  caller,
  name,
  days: daysInput = 7,
  policies: policiesInput,
  timing = {},
  now = Date.now(),
}: {
  caller: Caller;
  name: string;
  days?: unknown;
  policies?: unknown;
  timing?: ReplayTiming;
  now?: number;
}): Promise<WhatIf> {
  assertCan(caller, "endpoints.view");
  const days = parseDays(daysInput);
  const requested = policiesInput === undefined ? null : parsePolicies(policiesInput);
  const endpoint = await getEndpointByName({ caller, name });
  // The page and the API ask for the same alternatives again and again; a replay of given policies is not kept.
  if (!requested && !timing.windows && !timing.tickMs) return cachedWhatIf(endpoint, days, now);
  return whatIfFor(endpoint, days, requested, timing, now);
}

/**
 * Each endpoint's recommendation from its last `days` of traffic, for the dashboard ("3 endpoints could
 * save $41/month"): those with one, the largest saving first.
 */
export async function listRecommendations({ caller, days = 7, now = Date.now() }: { caller: Caller; days?: number; now?: number }): Promise<Array<{ name: string; recommendation: Recommendation }>> {
  assertCan(caller, "endpoints.view");
  const result: Array<{ name: string; recommendation: Recommendation }> = [];
  for (const endpoint of await listEndpoints({ caller })) {
    const { recommendation } = await cachedWhatIf(endpoint, days, now);
    if (recommendation) result.push({ name: endpoint.name, recommendation });
  }
  return result.sort((a, b) => a.recommendation.monthlyCostChange - b.recommendation.monthlyCostChange);
}

/** Replays of days of traffic move little in seconds: the alternatives are kept that long per policy, so many viewers cost one replay. */
const CACHE_MS = 10_000;
const cache = new Map<string, { at: number; whatIf: Promise<WhatIf> }>();

function cachedWhatIf(endpoint: EndpointRow, days: number, now: number): Promise<WhatIf> {
  const key = `${endpoint.id}/${endpoint.updatedAt.getTime()}/${days}`;
  const hit = cache.get(key);
  if (hit && now - hit.at < CACHE_MS) return hit.whatIf;
  for (const [k, v] of cache) if (now - v.at >= CACHE_MS) cache.delete(k);
  const whatIf = whatIfFor(endpoint, days, null, {}, now);
  cache.set(key, { at: now, whatIf });
  whatIf.catch(() => cache.delete(key));
  return whatIf;
}

export async function whatIfFor(endpoint: EndpointRow, days: number, requested: ScalingPolicy[] | null, timing: ReplayTiming, now: number): Promise<WhatIf> {
  // The period ends where the rollups have counted the ledger to, and starts on an hour, or at creation.
  const to = now - ROLLUP_LAG_MS;
  const fromHour = Math.floor((to - days * DAY) / HOUR) * HOUR;
  const createdAt = endpoint.createdAt.getTime();
  const from = Math.max(fromHour, createdAt);

  const [rows, measured, price, recorded, initialReplicas, paused] = await Promise.all([
    loggedSeconds(endpoint.id, from, to),
    measuredStartMs(endpoint.id),
    currentPrice(priceKeyOf(endpoint), now),
    recordedLedger(endpoint.id, fromHour),
    from === createdAt ? Promise.resolve(0) : replicasAt(endpoint.id, from),
    wasPausedDuring(endpoint.id, from, to),
  ]);
  const requests: ReplayRequest[] = recordedRequests(rows);
  const coldStartMs = measured ?? UNMEASURED_START_MS;
  const current = policyOfRow(endpoint);
  const activeSince = endpoint.activeSince.getTime();
  const options = {
    coldStartMs,
    pricePerHour: price?.pricePerHour ?? 0,
    storagePricePerHour: price?.storagePricePerHour ?? 0,
    from,
    to,
    initialReplicas,
    activeSince: activeSince >= from && activeSince < to ? activeSince : null,
    // Every policy is replayed within the endpoint's schedule, as it runs.
    schedule: endpoint.schedule,
    ...timing,
  };
  const compared: Alternative[] = requested
    ? [{ policy: current, label: "Current policy" }, ...requested.map((policy) => ({ policy, label: describeChange(policy, current) }))]
    : alternatives(current, peakReplicasNeeded(requests, current.targetConcurrency));

  const replayed = [];
  for (const alternative of compared) {
    replayed.push({ alternative, result: replay(requests, { ...options, policy: alternative.policy }) });
    // One replay at a time, with the gateway's requests in between.
    await yieldToEventLoop();
  }
  const points = toPoints(replayed, to - from);
  const currentPoint = points[0]!;
  const ratio = (replayedValue: number, recordedValue: number) => (recordedValue > 0 ? replayedValue / recordedValue : replayedValue === 0 ? 1 : null);
  const agreement = {
    replicaHours: ratio(currentPoint.outcome.replicaHours, recorded.replicaHours),
    cost: ratio(currentPoint.outcome.cost, recorded.cost),
    coldStarts: currentPoint.outcome.coldStarts - recorded.coldStarts,
  };
  const close = (r: number | null) => r !== null && Math.abs(r - 1) <= 0.1;
  const notes: string[] = [];
  if (requests.length === 0) notes.push("No requests were recorded in this period.");
  if (measured === null) notes.push("No replica of this endpoint has started yet: starts are taken as 1 s.");
  if (paused) notes.push("The endpoint was paused during this period; the replays assume it ran throughout.");
  return {
    days,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    requests: requests.length,
    coldStartSeconds: coldStartMs / 1000,
    coldStartMeasured: measured !== null,
    recorded: { ...recorded, delayedRequests: recordedDelays(rows) },
    agreement: { ...agreement, within: close(agreement.replicaHours) && close(agreement.cost) && Math.abs(agreement.coldStarts) <= 1 },
    current: currentPoint,
    points,
    recommendation: requested ? null : recommend(points, { requests: requests.length, idleShare: idleShare(requests, from, to), days }),
    note: notes.length > 0 ? notes.join(" ") : null,
  };
}
