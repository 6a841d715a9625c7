import { CommanderError } from "commander";
import { buildProgram } from "./program";

export { parseDays } from "./days";

/** Runs the CLI with `argv` (without node and the script), writing its output through `out`. */
export async function run(argv: string[], out: (text: string) => void): Promise<void> {
  await buildProgram(out).parseAsync(argv, { from: "user" });
}

/** Runs the CLI as a program: output on stdout, a one-line reason on stderr and exit 1 on error. */
export async function main(argv = process.argv.slice(2)): Promise<number> {
  try {
    await run(argv, (text) => process.stdout.write(`${text}\n`));
    return 0;
  } catch (error) {
    // --help and --version end the parse this way, successfully.
    if (error instanceof CommanderError && error.exitCode === 0) return 0;
    const message = error instanceof Error ? error.message.replace(/^error: /, "") : String(error);
    // One line: commander's hints run over several, and the first says what is wrong.
    process.stderr.write(`ebb: ${message.split("\n")[0]}\n`);
    return 1;
  }
}
