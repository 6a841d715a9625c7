import { Command } from "commander";
import { api } from "../client";
import { saveConfig } from "../config";
import type { CliContext } from "../context";

export function loginCommand(ctx: CliContext): Command {
  return new Command("login")
    .description("check an API token against an Ebb and save both for the next commands")
    .requiredOption("--url <url>", "the Ebb console, like http://localhost:3000")
    .requiredOption("--token <token>", "an API token from Settings → API tokens")
    .action(async ({ url, token }: { url: string; token: string }) => {
      const config = { url, token };
      const me = await api<{ user: { email: string }; organization: { name: string }; role: string }>(config, "GET", "/me");
      const file = saveConfig(config);
      ctx.out(`Logged in to ${url} as ${me.user.email} (${me.role} of ${me.organization.name}); saved in ${file}`);
    });
}
