import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { formatBytes, formatCores } from "@/components/charts/format";
import { UsageSampler } from "@/lib/controller/usage-sampler";
import { parseRssBytes, parseStat, processGroupUsage } from "@/lib/providers/local/usage";

const MiB = 1024 * 1024;

describe("reading /proc", () => {
  it("finds the group and CPU ticks after the command name, whatever the name holds", () => {
    const line = "4242 (vllm (worker) 1) S 4200 4242 4242 0 -1 4194560 900 0 0 0 250 75 0 0 20 0 3 0 123 456789 2048 18446744073709551615";
    expect(parseStat(line)).toEqual({ pgrp: 4242, cpuTicks: 325 });
    expect(parseStat("garbage")).toBeNull();
  });

  it("reads resident memory in bytes, 0 where there is none", () => {
    expect(parseRssBytes("Name:\tnode\nVmPeak:\t 2000 kB\nVmRSS:\t   84512 kB\nThreads: 7\n")).toBe(84512 * 1024);
    expect(parseRssBytes("Name:\tkthreadd\nThreads: 1\n")).toBe(0);
  });

  it.runIf(process.platform === "linux")("sums a real process group's memory, and a group with no process is absent", async () => {
    const child = spawn(process.execPath, ["-e", "const held = Buffer.alloc(64 * 1024 * 1024, 1); setInterval(() => held[0]++, 1000)"], { detached: true, stdio: "ignore" });
    try {
      let usage;
      for (let i = 0; i < 100; i++) {
        usage = (await processGroupUsage([child.pid!])).get(child.pid!);
        if (usage && usage.rssBytes > 64 * MiB) break;
        await sleep(50);
      }
      expect(usage!.rssBytes).toBeGreaterThan(64 * MiB);
      expect(usage!.cpuSeconds).toBeGreaterThanOrEqual(0);
    } finally {
      process.kill(-child.pid!, "SIGKILL");
    }
    await sleep(100);
    expect((await processGroupUsage([child.pid!])).has(child.pid!)).toBe(false);
  });
});

describe("usage samples", () => {
  const reading = (at: number, cpuSeconds: number, replicaId = "r1") => ({ replicaId, endpointId: "e1", startedAt: 0, at, cpuSeconds, rssBytes: 10 * MiB });

  it("turn CPU time since start into CPU used per interval, the first since the replica started", () => {
    const sampler = new UsageSampler();
    expect(sampler.rows([reading(4000, 1)])).toEqual([{ replicaId: "r1", endpointId: "e1", at: new Date(4000), cpuSeconds: 1, intervalSeconds: 4, rssBytes: 10 * MiB }]);
    const [second] = sampler.rows([reading(14_000, 6)]);
    expect(second!.cpuSeconds / second!.intervalSeconds).toBe(0.5);
  });

  it("never count negative use when a child exits, and forget replicas no longer read", () => {
    const sampler = new UsageSampler();
    sampler.rows([reading(10_000, 5)]);
    expect(sampler.rows([reading(20_000, 2)])[0]!.cpuSeconds).toBe(0);
    sampler.rows([]);
    // Read again after being forgotten: counted from its start, not from the stale reading.
    expect(sampler.rows([reading(30_000, 3)])[0]).toMatchObject({ cpuSeconds: 3, intervalSeconds: 30 });
  });
});

describe("usage formats", () => {
  it("show cores and binary units a person can read", () => {
    expect([formatCores(0), formatCores(0.00346), formatCores(0.25), formatCores(1.46), formatCores(null)]).toEqual(["0", "0.0035", "0.25", "1.5", "—"]);
    expect([formatBytes(512), formatBytes(84 * MiB), formatBytes(1.5 * 1024 * MiB), formatBytes(250 * MiB)]).toEqual(["512 B", "84.0 MiB", "1.5 GiB", "250 MiB"]);
  });
});
