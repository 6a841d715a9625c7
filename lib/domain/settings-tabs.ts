import { can, type Permission, type Role } from "./roles";

/** The settings pages, each with what a role needs to open it. */
const TABS: Array<{ href: string; label: string; needs: Permission | null }> = [
  { href: "/settings/members", label: "Members", needs: "members.view" },
  { href: "/settings/api-tokens", label: "API tokens", needs: null },
  { href: "/settings/providers", label: "Providers", needs: "endpoints.manage" },
  { href: "/settings/account", label: "Account", needs: null },
];

/** The settings pages a role may open; the first is where Settings lands. */
export function settingsTabs(role: Role) {
  return TABS.filter((tab) => tab.needs === null || can(role, tab.needs)).map(({ href, label }) => ({ href, label }));
}
