import { z } from "zod";

/**
 * "Running weekdays 08:00–19:00 Europe/Paris, paused otherwise": when an endpoint should run. A window
 * whose end is before its start runs overnight, into the next day.
 */
export const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time like 08:00.");

function validTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const scheduleSchema = z
  .object({
    timezone: z.string({ error: "Choose a time zone." }).max(64, "Use an IANA time zone such as Europe/Paris.").refine(validTimezone, "Use an IANA time zone such as Europe/Paris."),
    // ISO weekdays: 1 = Monday … 7 = Sunday.
    days: z.array(z.number().int().min(1).max(7), { error: "Choose the days." }).min(1, "Choose at least one day.").transform((d) => [...new Set(d)].sort()),
    start: time,
    end: time,
  })
  .refine((s) => s.start !== s.end, { path: ["end"], message: "The window must not start and end at the same time." });

export type Schedule = z.output<typeof scheduleSchema>;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The weekday (1–7) and minute of the day at `now` in the time zone. */
export function localTime(zone: string, now: Date): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { day: DAY_NAMES.indexOf(get("weekday") as (typeof DAY_NAMES)[number]) + 1, minute: Number(get("hour")) * 60 + Number(get("minute")) };
}

/** Whether the schedule wants the endpoint running or paused at `now`. Pure. */
export function scheduledState(schedule: Schedule, now: Date): "running" | "paused" {
  const { day, minute } = localTime(schedule.timezone, now);
  const start = minutes(schedule.start);
  const end = minutes(schedule.end);
  const on = (d: number) => schedule.days.includes(d);
  if (start < end) return on(day) && minute >= start && minute < end ? "running" : "paused";
  const yesterday = day === 1 ? 7 : day - 1;
  return (on(day) && minute >= start) || (on(yesterday) && minute < end) ? "running" : "paused";
}

export function describeSchedule(schedule: Schedule): string {
  const days = schedule.days;
  const span =
    days.join() === "1,2,3,4,5" ? "weekdays" : days.length === 7 ? "every day" : days.map((d) => DAY_NAMES[d - 1]).join(", ");
  return `Running ${span} ${schedule.start}–${schedule.end} ${schedule.timezone}, paused otherwise`;
}
