import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

export interface Wake {
  ms: number;
  status: number;
  /** Epoch milliseconds, beside the engine's own times. */
  sentAt: number;
  firstByteAt: number;
}

/** bench/wake-client.ts in its own process, as a caller would be: each `send()` is one request to `url`. */
export function wakeClient(url: string) {
  const client = path.join(import.meta.dirname, "..", "wake-client.ts");
  const child = spawn(process.execPath, ["--import", "tsx", client, url, JSON.stringify({ prompt: "We hold", max_tokens: 2 })], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return {
    async send(): Promise<Wake> {
      child.stdin!.write("go\n");
      const wake = JSON.parse((await lines.next()).value as string) as Wake;
      if (wake.status !== 200) throw new Error(`the wake answered ${wake.status}`);
      return wake;
    },
    close: () => child.kill(),
  };
}
