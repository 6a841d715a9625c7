/**
 * The month's projected cost, by a method a person can check: month to date, plus the rest of the month
 * at the endpoint's average daily cost over its last 7 days (or the days it has, from one), or, with
 * less than a day of history or while paused, at what it costs per hour right now. A deleted endpoint
 * costs nothing more.
 */
import { formatUsd } from "@/lib/domain/presets";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const PROJECTION_DAYS = 7;

export type ProjectionBasis =
  /** The average cost per day over the last `days` days. */
  | { kind: "history"; days: number; perDay: number }
  /** The current replicas (or storage alone at zero) per hour. */
  | { kind: "now"; perHour: number }
  | { kind: "deleted" };

export interface ProjectionInput {
  now: number;
  monthEnd: number;
  monthToDate: number;
  createdAt: number;
  deleted: boolean;
  paused: boolean;
  /** Hourly rollups of cost ({bucket start, cost}) covering at least the last 7 days. */
  hours: Array<{ at: number; cost: number }>;
  /** Replicas billed now (starting or ready) and the instance type's current prices. */
  replicasNow: number;
  pricePerHour: number;
  storagePricePerHour: number;
}

export interface Projection {
  projected: number;
  basis: ProjectionBasis;
}

export function projectMonth(input: ProjectionInput): Projection {
  const { now, monthEnd, monthToDate } = input;
  if (input.deleted) return { projected: monthToDate, basis: { kind: "deleted" } };
  const remaining = Math.max(0, monthEnd - now);
  const historyMs = Math.min(PROJECTION_DAYS * DAY, now - input.createdAt);
  if (!input.paused && historyMs >= DAY) {
    // Whole hours only: the window starts at an hour's start, so its rollups cover it exactly.
    const since = Math.ceil((now - historyMs) / HOUR) * HOUR;
    const cost = input.hours.filter((h) => h.at >= since).reduce((n, h) => n + h.cost, 0);
    const days = (now - since) / DAY;
    const perDay = cost / days;
    return { projected: monthToDate + (perDay * remaining) / DAY, basis: { kind: "history", days, perDay } };
  }
  const perHour = input.replicasNow > 0 && !input.paused ? input.replicasNow * input.pricePerHour : input.storagePricePerHour;
  return { projected: monthToDate + (perHour * remaining) / HOUR, basis: { kind: "now", perHour } };
}

/** One line a person can check the figure against. */
export function describeBasis(basis: ProjectionBasis): string {
  switch (basis.kind) {
    case "history":
      return `rest of the month at the last ${Number(basis.days.toFixed(1))} days' average, ${formatUsd(basis.perDay)}/day`;
    case "now":
      return `rest of the month at the current rate, ${formatUsd(basis.perHour)}/h`;
    case "deleted":
      return "deleted: nothing more";
  }
}
