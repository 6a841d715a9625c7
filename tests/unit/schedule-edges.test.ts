import { describe, expect, it } from "vitest";
import { DAY_NAMES, describeSchedule, localTime, scheduledState, scheduleSchema } from "@/lib/domain/schedule";

const messages = (input: unknown) => Object.fromEntries((scheduleSchema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
const valid = { timezone: "UTC", days: [1], start: "08:00", end: "09:00" };

describe("schedules at their edges", () => {
  it("take times from 00:00 to 23:59 only, each field named with what is valid", () => {
    for (const time of ["00:00", "09:59", "19:30", "23:59"]) expect(messages({ ...valid, start: time, end: time === "09:00" ? "10:00" : "09:00" })).toEqual({});
    for (const time of ["24:00", "8:00", "08:60", "08:00 ", "x08:00", "08:000"]) expect(messages({ ...valid, start: time })).toEqual({ start: "Use a 24-hour time like 08:00." });
    expect(messages({ ...valid, end: "08:00" })).toEqual({ end: "The window must not start and end at the same time." });
    expect(messages({ ...valid, timezone: 5 })).toEqual({ timezone: "Choose a time zone." });
    expect(messages({ ...valid, timezone: "x".repeat(65) })).toEqual({ timezone: "Use an IANA time zone such as Europe/Paris." });
    expect(messages({ ...valid, days: "mon" })).toEqual({ days: "Choose the days." });
    expect(messages({ ...valid, days: [] })).toEqual({ days: "Choose at least one day." });
    expect(Object.keys(messages({ ...valid, days: [0] }))).toEqual(["days.0"]);
    expect(Object.keys(messages({ ...valid, days: [8] }))).toEqual(["days.0"]);
    expect(Object.keys(messages({ ...valid, days: [1.5] }))).toEqual(["days.0"]);
    expect(scheduleSchema.parse({ ...valid, days: [7, 1, 7, 3] }).days).toEqual([1, 3, 7]);
  });

  it("read the weekday and minute in the schedule's zone", () => {
    expect(DAY_NAMES).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    // Sunday 2026-11-29 23:30 UTC is already Monday 00:30 in Paris.
    expect(localTime("UTC", new Date("2026-11-29T23:30:00Z"))).toEqual({ day: 7, minute: 23 * 60 + 30 });
    expect(localTime("Europe/Paris", new Date("2026-11-29T23:30:00Z"))).toEqual({ day: 1, minute: 30 });
  });

  it("run overnight from a Sunday into Monday", () => {
    const sundayNights = scheduleSchema.parse({ timezone: "UTC", days: [7], start: "22:00", end: "02:00" });
    expect(scheduledState(sundayNights, new Date("2026-11-29T22:00:00Z"))).toBe("running"); // Sunday 22:00
    expect(scheduledState(sundayNights, new Date("2026-11-29T21:59:00Z"))).toBe("paused");
    expect(scheduledState(sundayNights, new Date("2026-11-30T01:59:00Z"))).toBe("running"); // Monday 01:59
    expect(scheduledState(sundayNights, new Date("2026-11-30T02:00:00Z"))).toBe("paused");
    expect(scheduledState(sundayNights, new Date("2026-11-30T22:30:00Z"))).toBe("paused"); // Monday night is not Sunday's
    const mondayNights = scheduleSchema.parse({ timezone: "UTC", days: [1], start: "22:00", end: "02:00" });
    expect(scheduledState(mondayNights, new Date("2026-11-30T01:00:00Z"))).toBe("paused"); // from Sunday: not scheduled
    expect(scheduledState(mondayNights, new Date("2026-12-01T01:00:00Z"))).toBe("running"); // Tuesday early, from Monday
  });

  it("describe weekdays, every day, or the days by name", () => {
    const describe7 = (days: number[]) => describeSchedule(scheduleSchema.parse({ ...valid, days }));
    expect(describe7([1, 2, 3, 4, 5])).toBe("Running weekdays 08:00–09:00 UTC, paused otherwise");
    expect(describe7([1, 2, 3, 4, 5, 6, 7])).toBe("Running every day 08:00–09:00 UTC, paused otherwise");
    expect(describe7([6, 7])).toBe("Running Sat, Sun 08:00–09:00 UTC, paused otherwise");
    expect(describe7([1, 2, 3, 4])).toBe("Running Mon, Tue, Wed, Thu 08:00–09:00 UTC, paused otherwise");
  });
});
