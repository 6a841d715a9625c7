import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "@/lib/cli/main";

/** Runs the CLI in this process, capturing what a terminal would show. */
async function ebb(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

afterEach(() => vi.restoreAllMocks());

describe("the ebb CLI's own parsing", () => {
  it("prints its version", async () => {
    const { code, stdout } = await ebb("--version");
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("has help per command, naming its flags", async () => {
    const { code, stdout } = await ebb("inference", "scale", "--help");
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: ebb inference scale \[options\] <name>/);
    for (const flag of ["--min-replicas", "--max-replicas", "--replicas", "--scale-to-zero-minutes"]) expect(stdout).toContain(flag);
  });

  it("refuses an unknown flag, or another command's flag, with exit 1 and the flag named", async () => {
    const unknown = await ebb("inference", "scale", "chat", "--min-replica", "0");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe("ebb: unknown option '--min-replica'");
    const foreign = await ebb("inference", "list", "--yes");
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain("'--yes'");
  });

  it("refuses a number flag that is not a whole number before calling any server", async () => {
    const { code, stderr } = await ebb("inference", "scale", "chat", "--min-replicas", "1.5", "--max-replicas", "2");
    expect(code).toBe(1);
    expect(stderr.trim()).toBe("ebb: option '--min-replicas <n>' argument '1.5' is invalid. must be a whole number");
  });

  it("names a missing argument and an unknown command in one line", async () => {
    expect((await ebb("inference", "inspect")).stderr.trim()).toBe("ebb: missing required argument 'name'");
    const typo = await ebb("inference", "scael", "chat");
    expect(typo.code).toBe(1);
    expect(typo.stderr.trim()).toBe("ebb: unknown command 'scael'");
  });
});
