import { describe, expect, it } from "vitest";
import { cn } from "@/lib/cn";

describe("cn", () => {
  it("lets a later Tailwind class replace an earlier one of its kind, so a w-32 input is 128 px wide", () => {
    expect(cn("block w-full rounded-md px-3", "w-32")).toBe("block rounded-md px-3 w-32");
    expect(cn("py-2", false, null, undefined, "py-1")).toBe("py-1");
  });
});
