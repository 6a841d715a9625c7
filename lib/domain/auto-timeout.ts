/**
 * Auto scale-to-zero: the timeout chosen from the endpoint's own idle gaps (time from one request's
 * arrival to the next). Keeping a replica through a gap costs the gap; letting it go costs the timeout
 * waited plus a cold start, which the user values in minutes of replica time. The timeout that made the
 * past gaps cheapest in that sum is the one to use (the classic rent-or-buy trade, on the endpoint's
 * own distribution of gaps). Pure: the controller and the what-if replay both call it.
 */

const MINUTE = 60_000;
/** The shortest timeout Auto picks: the policy's own minimum. */
export const AUTO_TIMEOUT_FLOOR_MS = MINUTE;
export const AUTO_TIMEOUT_CEILING_MS = 120 * MINUTE;
/** Below this many gaps longer than the floor, the endpoint's fixed timeout holds. */
export const AUTO_MIN_GAPS = 5;
/** Gaps looked at: the most recent ones (two weeks of the request log at most). */
export const AUTO_GAPS_KEPT = 500;
export const AUTO_HISTORY_MS = 14 * 24 * 60 * MINUTE;
/** A timeout chosen to cover a gap outlasts it by this much: the controller decides once a second. */
const COVER_MARGIN_MS = 5_000;

/**
 * What a cold start is worth when the user has not said: 20 times its measured duration (a developer
 * waiting two minutes would rather pay 40 minutes of an idle replica), at least 5 minutes.
 */
export function defaultColdStartWorthMs(coldStartMs: number): number {
  return Math.max(5 * MINUTE, 20 * coldStartMs);
}

export interface AutoTimeout {
  timeoutMs: number;
  /** Gaps longer than the floor it was chosen from; fewer than AUTO_MIN_GAPS: the fixed timeout. */
  gaps: number;
  learned: boolean;
}

/**
 * The timeout in [floor, ceiling] minimizing Σ min(gap, T) + worth × #(gap > T) over the gaps. Gaps
 * shorter than the floor are covered by every candidate, so only the longer ones are passed or counted.
 */
export function autoTimeout(gapsMs: number[], worthMs: number, fixedMs: number): AutoTimeout {
  const gaps = gapsMs.filter((g) => g > AUTO_TIMEOUT_FLOOR_MS).sort((a, b) => a - b);
  if (gaps.length < AUTO_MIN_GAPS) return { timeoutMs: fixedMs, gaps: gaps.length, learned: false };
  // The cost only changes at a gap: candidates are the floor and each gap (a timeout just covering it).
  const candidates = [AUTO_TIMEOUT_FLOOR_MS, ...gaps.map((g) => g + COVER_MARGIN_MS).filter((t) => t < AUTO_TIMEOUT_CEILING_MS), AUTO_TIMEOUT_CEILING_MS];
  let best = { cost: Infinity, timeoutMs: fixedMs };
  // Sweep: gaps at or below T cost themselves; those above cost T and a cold start each.
  let covered = 0;
  let coveredSum = 0;
  for (const t of candidates) {
    while (covered < gaps.length && gaps[covered]! + COVER_MARGIN_MS <= t) coveredSum += gaps[covered++]!;
    const cost = coveredSum + (gaps.length - covered) * (t + worthMs);
    if (cost < best.cost) best = { cost, timeoutMs: t };
  }
  return { timeoutMs: best.timeoutMs, gaps: gaps.length, learned: true };
}
