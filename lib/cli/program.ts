import fs from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { CliError } from "./client";
import { loadConfig } from "./config";
import type { CliContext } from "./context";
import { createCommand } from "./commands/create";
import { deleteCommand } from "./commands/delete";
import { inspectCommand } from "./commands/inspect";
import { lifecycleCommand } from "./commands/lifecycle";
import { listCommand } from "./commands/list";
import { loginCommand } from "./commands/login";
import { logsCommand } from "./commands/logs";
import { recommendCommand, whatIfCommand } from "./commands/what-if";
import { runtimesCommand } from "./commands/runtimes";
import { scaleCommand } from "./commands/scale";
import { scheduleCommand } from "./commands/schedule";
import { tagCommand } from "./commands/tag";

function version(): string {
  const file = path.join(import.meta.dirname, "..", "..", "package.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

/**
 * `ebb`: the commands, their flags and their help, as commander parses them. Errors (an unknown flag, a
 * missing argument) are thrown, not printed and exited on, so main() says them in one line.
 */
export function buildProgram(out: (text: string) => void): Command {
  const ctx: CliContext = {
    out,
    config: () => {
      const config = loadConfig();
      if (!config) throw new CliError("not logged in: run `ebb login --url URL --token TOKEN`");
      return config;
    },
  };
  const program = new Command("ebb")
    .description("Ebb: inference endpoints that scale with their traffic, down to zero when idle")
    .version(version(), "-v, --version")
    .showSuggestionAfterError(true);
  program.addCommand(loginCommand(ctx));
  const inference = program.command("inference").description("create, scale, pause, resume and delete endpoints");
  for (const command of [
    listCommand(ctx),
    inspectCommand(ctx),
    runtimesCommand(ctx),
    createCommand(ctx),
    scaleCommand(ctx),
    tagCommand(ctx),
    scheduleCommand(ctx),
    lifecycleCommand(ctx, "pause"),
    lifecycleCommand(ctx, "resume"),
    lifecycleCommand(ctx, "scale-to-zero"),
    deleteCommand(ctx),
    logsCommand(ctx),
    whatIfCommand(ctx),
    recommendCommand(ctx),
  ]) {
    inference.addCommand(command);
  }
  // Every command, nested ones included: throw instead of exiting, and write through `out`.
  const configure = (command: Command) => {
    command.exitOverride().configureOutput({ writeOut: (text) => out(text.trimEnd()), writeErr: () => {} });
    command.commands.forEach(configure);
  };
  configure(program);
  return program;
}
