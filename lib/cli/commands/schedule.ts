import { Command } from "commander";
import type { EndpointJson } from "../../api/endpoint-json";
import { describeSchedule } from "../../domain/schedule";
import { api } from "../client";
import { print, segment, type CliContext } from "../context";
import { parseDays } from "../days";

interface ScheduleFlags {
  days?: string;
  from?: string;
  to?: string;
  timezone: string;
  clear?: boolean;
  json?: boolean;
}

export function scheduleCommand(ctx: CliContext): Command {
  return new Command("schedule")
    .description("run the endpoint only in a weekly window (paused otherwise), or --clear to run always")
    .argument("<name>", "the endpoint")
    .option("--days <days>", "like mon-fri or sat,sun")
    .option("--from <hh:mm>", "start of the window")
    .option("--to <hh:mm>", "end of the window")
    .option("--timezone <zone>", "an IANA time zone", "UTC")
    .option("--clear", "remove the schedule")
    .option("--json", "print JSON")
    .action(async (name: string, flags: ScheduleFlags) => {
      const schedule = flags.clear ? null : { timezone: flags.timezone, days: parseDays(flags.days), start: flags.from ?? "", end: flags.to ?? "" };
      const endpoint = await api<EndpointJson>(ctx.config(), "PUT", `/endpoints/${segment(name)}/schedule`, { schedule });
      print(ctx, flags.json, endpoint, () => (endpoint.schedule ? `Schedule of ${endpoint.name}: ${describeSchedule(endpoint.schedule)}` : `${endpoint.name} runs at all times`));
    });
}
