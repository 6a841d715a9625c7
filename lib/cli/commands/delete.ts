import readline from "node:readline/promises";
import { Command } from "commander";
import { api, CliError } from "../client";
import { print, segment, type CliContext } from "../context";

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new CliError("refusing to delete without confirmation: pass --yes");
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const answer = (await rl.question(question)).trim().toLowerCase();
  rl.close();
  return answer === "y" || answer === "yes";
}

export function deleteCommand(ctx: CliContext): Command {
  return new Command("delete")
    .description("delete an endpoint (its cost history stays)")
    .argument("<name>", "the endpoint")
    .option("--yes", "do not ask for confirmation")
    .option("--json", "print JSON")
    .action(async (name: string, { yes, json }: { yes?: boolean; json?: boolean }) => {
      const config = ctx.config();
      if (!yes && !(await confirm(`Delete endpoint ${name}? Its URL stops answering. [y/N] `))) return ctx.out("Not deleted.");
      await api(config, "DELETE", `/endpoints/${segment(name)}`);
      print(ctx, json, { deleted: name }, () => `Deleted ${name}`);
    });
}
