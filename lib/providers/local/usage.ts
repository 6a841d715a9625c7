import { readdir, readFile } from "node:fs/promises";

/** What a replica's processes use: CPU time since they started and resident memory now. */
export interface ProcessUsage {
  cpuSeconds: number;
  rssBytes: number;
}

/** Linux reports CPU time in clock ticks of USER_HZ, 100 per second on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/**
 * The process group and CPU time (user + system, in ticks) from a /proc/PID/stat line. The command
 * name sits in parentheses and may itself hold spaces or parentheses, so fields are counted after the
 * last ")".
 */
export function parseStat(text: string): { pgrp: number; cpuTicks: number } | null {
  const close = text.lastIndexOf(")");
  if (close < 0) return null;
  // After the name: state, ppid, pgrp, session, tty_nr, tpgid, flags, minflt, cminflt, majflt, cmajflt, utime, stime.
  const fields = text.slice(close + 2).split(" ");
  const pgrp = Number(fields[2]);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (![pgrp, utime, stime].every(Number.isFinite)) return null;
  return { pgrp, cpuTicks: utime + stime };
}

/** Resident memory in bytes from /proc/PID/status ("VmRSS:   1234 kB"); 0 for a kernel thread or a zombie. */
export function parseRssBytes(text: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(text);
  return match ? Number(match[1]) * 1024 : 0;
}

async function readOrNull(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch {
    // The process ended between the listing and the read.
    return null;
  }
}

/**
 * CPU time and resident memory of each given process group (a replica and everything it started),
 * summed over its live members; groups with no live member are absent. One pass over /proc for all.
 */
export async function processGroupUsage(groups: number[]): Promise<Map<number, ProcessUsage>> {
  const wanted = new Set(groups);
  const usage = new Map<number, ProcessUsage>();
  if (wanted.size === 0 || process.platform !== "linux") return usage;
  const pids = (await readdir("/proc")).filter((entry) => /^\d+$/.test(entry));
  await Promise.all(
    pids.map(async (pid) => {
      const stat = await readOrNull(`/proc/${pid}/stat`);
      const parsed = stat ? parseStat(stat) : null;
      if (!parsed || !wanted.has(parsed.pgrp)) return;
      const rssBytes = parseRssBytes((await readOrNull(`/proc/${pid}/status`)) ?? "");
      const sum = usage.get(parsed.pgrp) ?? { cpuSeconds: 0, rssBytes: 0 };
      sum.cpuSeconds += parsed.cpuTicks / TICKS_PER_SECOND;
      sum.rssBytes += rssBytes;
      usage.set(parsed.pgrp, sum);
    }),
  );
  return usage;
}
