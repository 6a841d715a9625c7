import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { isAlive } from "@/lib/process-alive";
import { terminate } from "@/lib/providers/local/process";

/** A process group leader, as replicas are, that handles SIGTERM as told; resolves with how it ended. */
function leader(onTerm: "exit" | "ignore") {
  const script = onTerm === "exit" ? "setInterval(() => {}, 1000)" : "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)";
  const child = spawn(process.execPath, ["-e", script], { detached: true, stdio: "ignore" });
  const ended = new Promise<string | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
  return { pid: child.pid!, ended };
}

describe("stopping a replica's process", () => {
  it("asks with SIGTERM and is done when the process obeys", async () => {
    const p = leader("exit");
    await new Promise((r) => setTimeout(r, 200));
    await terminate(p.pid, 5_000);
    expect(await p.ended).toBe("SIGTERM");
    expect(isAlive(p.pid)).toBe(false);
  });

  it("sends SIGKILL after the grace period to a process that ignores SIGTERM", async () => {
    const p = leader("ignore");
    await new Promise((r) => setTimeout(r, 300));
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
