import type { CliConfig } from "./config";

/** What every command gets: where to write, and the saved login (or an error saying to log in). */
export interface CliContext {
  out: (text: string) => void;
  config: () => CliConfig;
}

/** JSON for scripts with --json, text for people otherwise. */
export function print(ctx: CliContext, json: boolean | undefined, value: unknown, text: () => string): void {
  ctx.out(json ? JSON.stringify(value, null, 2) : text());
}

/** An endpoint name as a path segment. */
export const segment = (name: string) => encodeURIComponent(name);
