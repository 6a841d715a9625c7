import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { secureDataFolder } from "@/lib/data-folder";

const mode = (file: string) => fs.statSync(file).mode & 0o777;
let umask: number | null = null;

afterEach(() => {
  if (umask !== null) process.umask(umask);
});

describe("the data folder", () => {
  it("is closed to everyone but its owner, files left readable before included, and new files too", () => {
    umask = process.umask();
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ebb-data-")), "data");
    fs.mkdirSync(path.join(dir, "pglite"), { recursive: true, mode: 0o755 });
    fs.writeFileSync(path.join(dir, "pglite", "PG_VERSION"), "17", { mode: 0o644 });
    fs.chmodSync(dir, 0o755);
    secureDataFolder(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, "pglite"))).toBe(0o700);
    expect(mode(path.join(dir, "pglite", "PG_VERSION"))).toBe(0o600);
    fs.writeFileSync(path.join(dir, "pglite", "new-file"), "x");
    expect(mode(path.join(dir, "pglite", "new-file"))).toBe(0o600);
  });
});
