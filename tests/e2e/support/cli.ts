import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Runs `ebb` as a person would, with its own config folder; resolves with exit code and output. */
export function cli(configDir: string) {
  return async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ["bin/ebb.mjs", ...args], {
        env: { ...process.env, EBB_CONFIG_DIR: configDir, EBB_URL: "", EBB_TOKEN: "" },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
}
