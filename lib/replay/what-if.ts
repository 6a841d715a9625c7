import type { ScalingPolicy } from "@/lib/domain/policy";
import type { PolicyView, Recommendation, WhatIfOutcome, WhatIfPoint } from "@/lib/domain/what-if";
import type { ReplayRequest, ReplayResult } from "./replay";

/**
 * The policies a what-if compares with the current one, the frontier among them and the recommendation.
 * Pure: the replays' results in, points and words out.
 */

const TIMEOUTS_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120];
const MONTH_MS = 30 * 24 * 3_600_000;

export interface Alternative {
  label: string;
  policy: ScalingPolicy;
}

export const policyKey = (p: ScalingPolicy) =>
  `${p.autoscaling}/${p.minReplicas}/${p.maxReplicas}/${p.scaleToZeroSeconds}/${p.targetConcurrency}/${!!p.scaleToZeroAuto}/${p.coldStartWorthMinutes ?? ""}`;

export function policyView(p: ScalingPolicy): PolicyView {
  return {
    autoscaling: p.autoscaling,
    minReplicas: p.minReplicas,
    maxReplicas: p.maxReplicas,
    scaleToZeroMinutes: Math.round(p.scaleToZeroSeconds / 60),
    targetConcurrency: p.targetConcurrency,
    scaleToZeroAuto: !!p.scaleToZeroAuto,
    coldStartWorthMinutes: p.coldStartWorthMinutes ?? null,
  };
}

/** Words for what `policy` changes from `current` ("Scale to zero after 5 min, min 1"). */
export function describeChange(policy: ScalingPolicy, current: ScalingPolicy): string {
  if (!policy.autoscaling) return `Always on, ${policy.maxReplicas} replica${policy.maxReplicas === 1 ? "" : "s"}`;
  const parts: string[] = [];
  if (!current.autoscaling) parts.push("Auto-scaling");
  if (policy.minReplicas !== current.minReplicas || !current.autoscaling) parts.push(`min ${policy.minReplicas}`);
  if (policy.maxReplicas !== current.maxReplicas) parts.push(`max ${policy.maxReplicas}`);
  if (policy.minReplicas === 0 && policy.scaleToZeroAuto) {
    if (!current.scaleToZeroAuto || current.minReplicas > 0) parts.push("auto scale to zero");
  } else if (policy.minReplicas === 0 && (policy.scaleToZeroSeconds !== current.scaleToZeroSeconds || current.minReplicas > 0 || current.scaleToZeroAuto)) {
    parts.push(`scale to zero after ${Math.round(policy.scaleToZeroSeconds / 60)} min`);
  }
  if (policy.targetConcurrency !== current.targetConcurrency) parts.push(`target ${policy.targetConcurrency} per replica`);
  if (parts.length === 0) return "Current policy";
  const text = parts.join(", ");
  return text[0]!.toUpperCase() + text.slice(1);
}

/**
 * The alternatives: scale-to-zero timeouts from 1 to 120 minutes and Auto, min 0 and 1, max a quarter
 * above the peak, half and twice the target, and always on at the peak; the current policy first.
 */
export function alternatives(current: ScalingPolicy, peakReplicasNeeded: number): Alternative[] {
  const peakMax = Math.max(1, Math.ceil(1.25 * peakReplicasNeeded));
  const base: ScalingPolicy = current.autoscaling ? current : { ...current, minReplicas: 0 };
  const candidates: ScalingPolicy[] = [
    current,
    ...TIMEOUTS_MINUTES.map((minutes) => ({ ...base, autoscaling: true, minReplicas: 0, scaleToZeroSeconds: minutes * 60, scaleToZeroAuto: false })),
    { ...base, autoscaling: true, minReplicas: 0, scaleToZeroAuto: true },
    { ...base, autoscaling: true, minReplicas: 1 },
    { ...base, autoscaling: true, maxReplicas: Math.max(base.minReplicas, peakMax) },
    { ...base, autoscaling: true, targetConcurrency: Math.max(1, Math.floor(base.targetConcurrency / 2)) },
    { ...base, autoscaling: true, targetConcurrency: Math.min(1000, base.targetConcurrency * 2) },
    { ...base, autoscaling: false, minReplicas: peakMax, maxReplicas: peakMax },
  ];
  const seen = new Set<string>();
  const result: Alternative[] = [];
  for (const policy of candidates) {
    const key = policyKey(policy);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ policy, label: policy === current ? "Current policy" : describeChange(policy, current) });
  }
  return result;
}

export function outcomeOf(r: ReplayResult): WhatIfOutcome {
  return {
    replicaHours: r.replicaSeconds / 3600,
    cost: r.computeCost + r.storageCost,
    coldStarts: r.coldStarts,
    delayedRequests: r.delayedRequests,
    delayP50Seconds: r.delayP50Ms === null ? null : r.delayP50Ms / 1000,
    delayP99Seconds: r.delayP99Ms === null ? null : r.delayP99Ms / 1000,
    peakReplicas: r.peakReplicas,
  };
}

/** Points with their monthly cost change against the first (the current policy) and the frontier marked. */
export function toPoints(replayed: Array<{ alternative: Alternative; result: ReplayResult }>, periodMs: number): WhatIfPoint[] {
  const perMonth = MONTH_MS / Math.max(periodMs, 1);
  const currentCost = outcomeOf(replayed[0]!.result).cost;
  const points = replayed.map(({ alternative, result }, i) => {
    const outcome = outcomeOf(result);
    return {
      label: alternative.label,
      policy: policyView(alternative.policy),
      outcome,
      monthlyCostChange: (outcome.cost - currentCost) * perMonth,
      current: i === 0,
      frontier: false,
    };
  });
  const EPSILON = 1e-9;
  for (const p of points) {
    p.frontier = !points.some(
      (q) =>
        q !== p &&
        q.outcome.cost <= p.outcome.cost + EPSILON &&
        q.outcome.coldStarts <= p.outcome.coldStarts &&
        (q.outcome.cost < p.outcome.cost - EPSILON || q.outcome.coldStarts < p.outcome.coldStarts),
    );
  }
  return points;
}

/** Replicas the busiest moment needed: the peak of requests in flight over the target. */
export function peakReplicasNeeded(requests: ReplayRequest[], target: number): number {
  const edges = requests.flatMap((r) => [
    { at: r.at, delta: 1 },
    { at: r.at + r.serviceMs, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let inFlight = 0;
  let peak = 0;
  for (const e of edges) peak = Math.max(peak, (inFlight += e.delta));
  return Math.ceil(peak / target);
}

/** The share of [from, to) in which no request was in flight. */
export function idleShare(requests: ReplayRequest[], from: number, to: number): number {
  if (to <= from) return 1;
  let busy = 0;
  let coveredUntil = from;
  for (const r of requests) {
    const start = Math.max(r.at, coveredUntil);
    const end = Math.min(r.at + r.serviceMs, to);
    if (end > start) busy += end - start;
    coveredUntil = Math.max(coveredUntil, r.at + r.serviceMs);
  }
  return 1 - busy / (to - from);
}

const money = (n: number) => `$${Math.abs(n) >= 100 ? Math.abs(n).toFixed(0) : Math.abs(n).toFixed(2)}`;
const percent = (n: number) => `${Math.round(100 * n)} %`;

/**
 * A suggested policy from the points and the rules of thumb: the cheapest with no more cold starts when
 * it saves something worth changing for; else min 1 when cold starts hold many requests; else min 0 for an
 * endpoint idle most of the time. Null when the current policy is already the right trade.
 */
export function recommend(points: WhatIfPoint[], context: { requests: number; idleShare: number; days: number }): Recommendation | null {
  const current = points.find((p) => p.current)!;
  const worthIt = (change: number) => -change >= Math.max(1, 0.05 * current.outcome.cost * (30 / context.days));
  const toRecommendation = (p: WhatIfPoint, reason: string): Recommendation => ({
    label: p.label,
    policy: p.policy,
    monthlyCostChange: p.monthlyCostChange,
    coldStartChange: p.outcome.coldStarts - current.outcome.coldStarts,
    reason,
  });
  const period = `the last ${context.days === 1 ? "day" : `${context.days} days`}`;

  const cheaper = points
    .filter((p) => !p.current && p.outcome.coldStarts <= current.outcome.coldStarts && p.outcome.delayedRequests <= current.outcome.delayedRequests * 1.05 + 1)
    .sort((a, b) => a.outcome.cost - b.outcome.cost)[0];
  if (cheaper && worthIt(cheaper.monthlyCostChange)) {
    return toRecommendation(
      cheaper,
      `Replaying ${period} of this endpoint's traffic, "${cheaper.label}" would have cost ${money(cheaper.outcome.cost)} instead of ${money(current.outcome.cost)} ` +
        `with ${cheaper.outcome.coldStarts} cold start${cheaper.outcome.coldStarts === 1 ? "" : "s"} (now ${current.outcome.coldStarts}): it saves about ${money(cheaper.monthlyCostChange)} a month.`,
    );
  }

  const delayedShare = context.requests > 0 ? current.outcome.delayedRequests / context.requests : 0;
  const warm = points.find((p) => p.policy.autoscaling && p.policy.minReplicas === 1 && p.outcome.coldStarts === 0);
  if (current.policy.minReplicas === 0 && delayedShare >= 0.1 && warm) {
    return toRecommendation(
      warm,
      `${percent(delayedShare)} of the requests of ${period} waited for a cold start (p50 ${current.outcome.delayP50Seconds?.toFixed(1) ?? "–"} s). ` +
        `Keeping one replica warm would cost about ${money(warm.monthlyCostChange)} a month more and no request would wait.`,
    );
  }

  if (current.policy.minReplicas > 0 && context.idleShare >= 0.5) {
    const zero = points
      .filter((p) => p.policy.autoscaling && p.policy.minReplicas === 0 && worthIt(p.monthlyCostChange))
      .sort((a, b) => a.outcome.coldStarts - b.outcome.coldStarts || a.outcome.cost - b.outcome.cost)[0];
    if (zero) {
      return toRecommendation(
        zero,
        `The endpoint was idle ${percent(context.idleShare)} of ${period}. "${zero.label}" saves about ${money(zero.monthlyCostChange)} a month ` +
          `for ${zero.outcome.coldStarts} cold start${zero.outcome.coldStarts === 1 ? "" : "s"} over that time.`,
      );
    }
  }
  return null;
}
