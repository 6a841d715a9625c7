import { describe, expect, it } from "vitest";
import { parseDays } from "@/lib/cli/days";

describe("ebb --days", () => {
  it("reads ranges and lists of day names", () => {
    expect(parseDays("mon-fri")).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays("sat,sun")).toEqual([6, 7]);
    expect(parseDays("Monday,wed-fri")).toEqual([1, 3, 4, 5]);
    expect(parseDays("fri-mon")).toEqual([5, 6, 7, 1]);
  });

  it("names what it cannot read", () => {
    expect(() => parseDays("funday")).toThrow('unknown day "funday" in --days');
    expect(() => parseDays(undefined)).toThrow(/give --days/);
  });
});
