import { describe, expect, it } from "vitest";
import { slugify } from "@/lib/domain/account";
import { can, canAssignRole } from "@/lib/domain/roles";
import { settingsTabs } from "@/lib/domain/settings-tabs";

describe("roles", () => {
  it("ranks owner > admin > member > viewer for member management", () => {
    expect(can("viewer", "members.view")).toBe(false);
    expect(can("member", "members.view")).toBe(true);
    expect(can("member", "members.manage")).toBe(false);
    expect(can("admin", "members.manage")).toBe(true);
    expect(can("owner", "members.manage")).toBe(true);
  });

  it("reserves the owner role to owners", () => {
    expect(canAssignRole("admin", "owner")).toBe(false);
    expect(canAssignRole("admin", "viewer")).toBe(true);
    expect(canAssignRole("owner", "owner")).toBe(true);
    expect(canAssignRole("member", "viewer")).toBe(false);
  });
});

describe("slugify", () => {
  it("makes URL-safe namespaces", () => {
    expect(slugify("Acme AI Lab")).toBe("acme-ai-lab");
    expect(slugify("  Café Équipe!! ")).toBe("cafe-equipe");
    expect(slugify("!!!")).toBe("");
  });
});

describe("the settings pages each role sees", () => {
  it("lists only the pages a role may open, the first being where Settings lands", () => {
    const labels = (role: Parameters<typeof settingsTabs>[0]) => settingsTabs(role).map((t) => t.label);
    expect(labels("viewer")).toEqual(["API tokens", "Account"]);
    expect(labels("member")).toEqual(["Members", "API tokens", "Account"]);
    expect(labels("admin")).toEqual(["Members", "API tokens", "Providers", "Account"]);
    expect(labels("owner")).toEqual(["Members", "API tokens", "Providers", "Account"]);
  });
});
