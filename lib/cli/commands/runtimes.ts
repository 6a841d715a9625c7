import { Command } from "commander";
import { api } from "../client";
import { print, type CliContext } from "../context";
import { table } from "../format";

export function runtimesCommand(ctx: CliContext): Command {
  return new Command("runtimes")
    .description("the runtimes this install offers, for create --runtime")
    .option("--json", "print JSON")
    .action(async ({ json }: { json?: boolean }) => {
      const { items } = await api<{ items: Array<{ name: string; description: string }> }>(ctx.config(), "GET", "/runtimes");
      print(ctx, json, items, () => table(["NAME", "DESCRIPTION"], items.map((r) => [r.name, r.description])));
    });
}
