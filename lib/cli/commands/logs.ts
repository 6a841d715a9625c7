import { Command } from "commander";
import type { EventJson } from "../../api/endpoint-json";
import { api } from "../client";
import { print, segment, type CliContext } from "../context";
import { table } from "../format";
import { wholeNumber } from "../policy-flags";

export function logsCommand(ctx: CliContext): Command {
  return new Command("logs")
    .description("the endpoint's lifecycle log, oldest first")
    .argument("<name>", "the endpoint")
    .option("--limit <n>", "how many entries", wholeNumber, 50)
    .option("--json", "print JSON")
    .action(async (name: string, { limit, json }: { limit: number; json?: boolean }) => {
      const { items } = await api<{ items: EventJson[] }>(ctx.config(), "GET", `/endpoints/${segment(name)}/events?limit=${limit}`);
      print(ctx, json, items, () =>
        table(
          ["TIME", "ACTOR", "EVENT", "MESSAGE"],
          [...items].reverse().map((e) => [e.at.replace("T", " ").slice(0, 19), e.actor, e.kind, e.message]),
        ),
      );
    });
}
