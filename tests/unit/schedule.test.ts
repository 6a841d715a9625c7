import { describe, expect, it } from "vitest";
import { describeSchedule, scheduledState, scheduleSchema } from "@/lib/domain/schedule";

const weekdays = scheduleSchema.parse({ timezone: "Europe/Paris", days: [1, 2, 3, 4, 5], start: "08:00", end: "19:00" });

describe("schedules", () => {
  it("run inside the window in the schedule's time zone", () => {
    // Monday 2026-11-23: Paris is UTC+1 in November.
    expect(scheduledState(weekdays, new Date("2026-11-23T06:59:00Z"))).toBe("paused"); // 07:59 Paris
    expect(scheduledState(weekdays, new Date("2026-11-23T07:00:00Z"))).toBe("running"); // 08:00 Paris
    expect(scheduledState(weekdays, new Date("2026-11-23T17:59:00Z"))).toBe("running"); // 18:59 Paris
    expect(scheduledState(weekdays, new Date("2026-11-23T18:00:00Z"))).toBe("paused"); // 19:00 Paris
    expect(scheduledState(weekdays, new Date("2026-11-28T10:00:00Z"))).toBe("paused"); // Saturday
  });

  it("follow daylight saving time", () => {
    // 2026-07-06 is a Monday; Paris is UTC+2 in summer, so 08:00 Paris is 06:00 UTC.
    expect(scheduledState(weekdays, new Date("2026-07-06T06:00:00Z"))).toBe("running");
    expect(scheduledState(weekdays, new Date("2026-07-06T05:59:00Z"))).toBe("paused");
  });

  it("run overnight when the end is before the start", () => {
    const nights = scheduleSchema.parse({ timezone: "UTC", days: [5], start: "22:00", end: "06:00" });
    expect(scheduledState(nights, new Date("2026-11-27T23:00:00Z"))).toBe("running"); // Friday night
    expect(scheduledState(nights, new Date("2026-11-28T05:00:00Z"))).toBe("running"); // Saturday early
    expect(scheduledState(nights, new Date("2026-11-28T07:00:00Z"))).toBe("paused");
    expect(scheduledState(nights, new Date("2026-11-26T23:00:00Z"))).toBe("paused"); // Thursday night
  });

  it("refuses bad schedules with the field named", () => {
    const result = scheduleSchema.safeParse({ timezone: "Mars/Olympus", days: [], start: "8am", end: "19:00" });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path.join(".")).sort();
    expect(fields).toEqual(["days", "start", "timezone"]);
  });

  it("describes itself", () => {
    expect(describeSchedule(weekdays)).toBe("Running weekdays 08:00–19:00 Europe/Paris, paused otherwise");
  });
});
