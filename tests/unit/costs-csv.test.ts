import { describe, expect, it } from "vitest";
import { costLinesCsv, costRange, parseDay, quickCostRanges } from "@/lib/services/costs";

describe("the costs CSV", () => {
  it("has a header and a line per endpoint and day, quoting what a spreadsheet would split", () => {
    const csv = costLinesCsv([
      { day: "2026-11-02", endpoint: "chat", deleted: false, instanceType: "cpu-small", replicaHours: 1.5, compute: 0.225, storage: 0.0015 },
      { day: "2026-11-02", endpoint: 'say "hi", ok', deleted: true, instanceType: "cpu-large", replicaHours: 0, compute: 0, storage: 0.36 },
    ]);
    expect(csv.split("\n")).toEqual([
      "date,endpoint,deleted,instance_type,replica_hours,compute_usd,storage_usd,total_usd",
      "2026-11-02,chat,no,cpu-small,1.5000,0.225000,0.001500,0.226500",
      '2026-11-02,"say ""hi"", ok",yes,cpu-large,0.0000,0.000000,0.360000,0.360000',
      "",
    ]);
    expect(costLinesCsv([]).trim()).toBe("date,endpoint,deleted,instance_type,replica_hours,compute_usd,storage_usd,total_usd");
  });
});

describe("the costs range", () => {
  const now = Date.UTC(2026, 10, 17, 15, 30);

  it("is this month to today by default, the last day included", () => {
    expect(costRange({}, now)).toMatchObject({ fromDay: "2026-11-01", toDay: "2026-11-17" });
    expect(costRange({}, now).to.toISOString()).toBe("2026-11-18T00:00:00.000Z");
  });

  it("takes given days, and refuses a 'to' before 'from'", () => {
    expect(costRange({ from: "2026-10-01", to: "2026-10-31" }, now)).toMatchObject({ fromDay: "2026-10-01", toDay: "2026-10-31" });
    // To before From is an error naming To, never a silently different range.
    expect(() => costRange({ from: "2026-10-05", to: "2026-10-01" }, now)).toThrow(/To must be on or after From/);
    // Only To: the month it falls in.
    expect(costRange({ to: "2026-10-12" }, now)).toMatchObject({ fromDay: "2026-10-01", toDay: "2026-10-12" });
  });

  it("refuses days that do not exist, naming the parameter", () => {
    expect(parseDay("2026-02-28")?.toISOString()).toBe("2026-02-28T00:00:00.000Z");
    for (const bad of ["2026-02-31", "0000-01-01", "1969-12-31", "2026-13-01", "yesterday", "", null]) expect(parseDay(bad)).toBeNull();
    expect(() => costRange({ from: "0000-01-01" }, now)).toThrow(/from must be a date like 2026-03-31/);
    expect(() => costRange({ to: "2026-02-31" }, now)).toThrow(/to must be a date/);
  });

  it("offers quick ranges of whole days ending today, and last month", () => {
    expect(quickCostRanges(now)).toEqual([
      { label: "This month", from: "2026-11-01", to: "2026-11-17" },
      { label: "Last 7 days", from: "2026-11-11", to: "2026-11-17" },
      { label: "Last 30 days", from: "2026-10-19", to: "2026-11-17" },
      { label: "Last month", from: "2026-10-01", to: "2026-10-31" },
    ]);
    expect(quickCostRanges(Date.UTC(2027, 0, 3))[3]).toEqual({ label: "Last month", from: "2026-12-01", to: "2026-12-31" });
  });
});
