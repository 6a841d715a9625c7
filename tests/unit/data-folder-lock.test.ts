import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataFolderInUse, lockDataFolder } from "@/lib/data-folder";

const dirs: string[] = [];
const folder = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ebb-lock-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("one process per data folder", () => {
  it("takes a free folder, and again from the same process", () => {
    const dir = folder();
    lockDataFolder(dir);
    expect(fs.readFileSync(path.join(dir, "ebb.pid"), "utf8")).toBe(String(process.pid));
    expect(() => lockDataFolder(dir)).not.toThrow();
  });

  it("refuses a folder another live process holds, naming it and saying what to do", () => {
    const dir = folder();
    const other = spawn("sleep", ["30"]);
    try {
      fs.writeFileSync(path.join(dir, "ebb.pid"), String(other.pid));
      expect(() => lockDataFolder(dir)).toThrow(DataFolderInUse);
      expect(() => lockDataFolder(dir)).toThrow(new RegExp(`in use by another Ebb process \\(pid ${other.pid}\\).*EBB_DATA_DIR.*DATABASE_URL`));
      expect(fs.readFileSync(path.join(dir, "ebb.pid"), "utf8")).toBe(String(other.pid));
    } finally {
      other.kill();
    }
  });

  it("takes over a folder whose process is gone", () => {
    const dir = folder();
    const gone = spawnSync("true");
    fs.writeFileSync(path.join(dir, "ebb.pid"), String(gone.pid));
    lockDataFolder(dir);
    expect(fs.readFileSync(path.join(dir, "ebb.pid"), "utf8")).toBe(String(process.pid));
  });
});
