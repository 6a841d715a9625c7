import { describe, expect, it } from "vitest";
import { describeBasis, projectMonth, type ProjectionInput } from "@/lib/costs/projection";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// 20 November 2026, noon: 10.5 days of the month remain.
const now = Date.UTC(2026, 10, 20, 12);
const monthEnd = Date.UTC(2026, 11, 1);

/** Hourly rollups from `from` to now at `cost(hourStart)` each. */
function hours(from: number, cost: (at: number) => number) {
  const list = [];
  for (let at = Math.floor(from / HOUR) * HOUR; at < now; at += HOUR) list.push({ at, cost: cost(at) });
  return list;
}

const base: ProjectionInput = {
  now,
  monthEnd,
  monthToDate: 50,
  createdAt: now - 30 * DAY,
  deleted: false,
  paused: false,
  hours: [],
  replicasNow: 0,
  pricePerHour: 0.3,
  storagePricePerHour: 0.015,
};

describe("the month's projection", () => {
  it("carries the last 7 days' average day forward, ignoring what came before them", () => {
    // $1/h for the last 7 days; $100/h before, which the projection must not see.
    const input = { ...base, hours: hours(now - 20 * DAY, (at) => (at >= now - 7 * DAY ? 1 : 100)) };
    const { projected, basis } = projectMonth(input);
    expect(basis).toEqual({ kind: "history", days: 7, perDay: 24 });
    // Off the hour, the window is the whole hours within the last 7 days.
    const offHour = projectMonth({ ...input, now: now + 20 * 60_000 });
    expect(offHour.basis.kind === "history" && offHour.basis.days).toBeCloseTo(7 - 40 / 60 / 24, 9);
    expect(describeBasis(offHour.basis)).toMatch(/^rest of the month at the last 7 days' average/);
    expect(projected).toBeCloseTo(50 + 24 * 10.5, 9);
    expect(describeBasis(basis)).toBe("rest of the month at the last 7 days' average, $24.00/day");
  });

  it("uses history from exactly one day old", () => {
    const input = { ...base, createdAt: now - DAY, hours: hours(now - DAY, () => 0.5) };
    expect(projectMonth(input).basis).toEqual({ kind: "history", days: 1, perDay: 12 });
    expect(projectMonth({ ...input, createdAt: now - DAY + 1 }).basis.kind).toBe("now");
  });

  it("uses the days there are between one and seven", () => {
    const input = { ...base, createdAt: now - 2.5 * DAY, hours: hours(now - 2.5 * DAY, () => 0.5) };
    const { projected, basis } = projectMonth(input);
    expect(basis).toEqual({ kind: "history", days: 2.5, perDay: 12 });
    expect(projected).toBeCloseTo(50 + 12 * 10.5, 9);
    expect(describeBasis(basis)).toBe("rest of the month at the last 2.5 days' average, $12.00/day");
  });

  it("counts a scale-to-zero endpoint's idle days as the cheap days they were", () => {
    // Busy 2 hours a day at 2 replicas, at zero (storage) the other 22.
    const input = { ...base, hours: hours(now - 7 * DAY, (at) => ((at / HOUR) % 24 < 2 ? 0.6 : 0.015)) };
    const { basis } = projectMonth(input);
    expect(basis.kind === "history" && basis.perDay).toBeCloseTo(2 * 0.6 + 22 * 0.015, 9);
  });

  it("under a day old, projects the current replicas, and a test of a scale-to-zero endpoint now at zero as storage", () => {
    const young = { ...base, createdAt: now - 3 * 60_000, monthToDate: 0.01 };
    const running = projectMonth({ ...young, replicasNow: 2 });
    expect(running.basis).toEqual({ kind: "now", perHour: 0.6 });
    expect(running.projected).toBeCloseTo(0.01 + 0.6 * 252, 9);
    const atZero = projectMonth(young);
    expect(atZero.basis).toEqual({ kind: "now", perHour: 0.015 });
    expect(atZero.projected).toBeCloseTo(0.01 + 0.015 * 252, 9);
    expect(describeBasis(atZero.basis)).toBe("rest of the month at the current rate, $0.015/h");
  });

  it("projects a paused endpoint at its storage price, whatever its history", () => {
    const paused = projectMonth({ ...base, paused: true, replicasNow: 1, hours: hours(now - 7 * DAY, () => 1) });
    expect(paused.basis).toEqual({ kind: "now", perHour: 0.015 });
    expect(paused.projected).toBeCloseTo(50 + 0.015 * 252, 9);
  });

  it("adds nothing for a deleted endpoint or at the month's last instant", () => {
    expect(projectMonth({ ...base, deleted: true, replicasNow: 3 })).toEqual({ projected: 50, basis: { kind: "deleted" } });
    expect(describeBasis({ kind: "deleted" })).toBe("deleted: nothing more");
    expect(projectMonth({ ...base, now: monthEnd, replicasNow: 3 }).projected).toBe(50);
  });
});
