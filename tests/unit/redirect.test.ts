import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/auth/redirect";

describe("safeRedirectPath", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeRedirectPath("/settings/members")).toBe("/settings/members");
    expect(safeRedirectPath("/endpoints?state=paused#top")).toBe("/endpoints?state=paused#top");
  });

  it.each([
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "javascript:alert(1)",
    "endpoints",
    "",
    undefined,
    42,
  ])("sends %s to the dashboard", (value) => {
    expect(safeRedirectPath(value)).toBe("/");
  });

  it("does not loop back to the sign-in pages", () => {
    expect(safeRedirectPath("/login?redirectTo=/x")).toBe("/");
    expect(safeRedirectPath("/signup")).toBe("/");
  });
});
