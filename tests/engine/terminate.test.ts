import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { isAlive } from "@/lib/process-alive";
import { terminate } from "@/lib/providers/local/process";

/** A process group leader, as replicas are, that handles SIGTERM as told; resolves with how it ended. */
function leader(onTerm: "exit" | "ignore") {
  const handler = onTerm === "exit" ? "" : "process.on('SIGTERM', () => {}); ";
  // It says when its handler is in place: on a busy machine node can take longer to start than any fixed wait.
  const child = spawn(process.execPath, ["-e", `${handler}console.log('ready'); setInterval(() => {}, 1000)`], { detached: true, stdio: ["ignore", "pipe", "ignore"] });
  const ready = new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
  const ended = new Promise<string | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
  return { pid: child.pid!, ready, ended };
}

describe("stopping a replica's process", () => {
  it("asks with SIGTERM and is done when the process obeys", async () => {
    const p = leader("exit");
    await p.ready;
    await terminate(p.pid, 5_000);
    expect(await p.ended).toBe("SIGTERM");
    expect(isAlive(p.pid)).toBe(false);
  });

  it("sends SIGKILL after the grace period to a process that ignores SIGTERM", async () => {
    const p = leader("ignore");
    await p.ready;
    const started = Date.now();
    await terminate(p.pid, 500);
    expect(await p.ended).toBe("SIGKILL");
    // It waited out the grace before killing.
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });

  it("does nothing to a process that is already gone", async () => {
    const p = leader("exit");
    process.kill(p.pid, "SIGKILL");
    await p.ended;
    await expect(terminate(p.pid, 100)).resolves.toBeUndefined();
  });
});
