import { z } from "zod";

export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export const roleSchema = z.enum(ROLES, { error: "Choose owner, admin, member or viewer." });
export type Role = z.infer<typeof roleSchema>;

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
  viewer: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including managing owners",
  admin: "Create, edit and delete endpoints; manage members",
  member: "Pause, resume and scale endpoints to zero",
  viewer: "Read only",
};

/** True when `role` is at least `minimum` in owner > admin > member > viewer. */
export function hasRole(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

/** What each action needs. One table, so every entry point asks the same question. */
export const PERMISSIONS = {
  "members.view": "member",
  "endpoints.view": "viewer",
  "endpoints.operate": "member",
  "endpoints.manage": "admin",
  "members.manage": "admin",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return hasRole(role, PERMISSIONS[permission]);
}

/** Only owners may grant, change or remove the owner role; admins manage everyone else. */
export function canAssignRole(actor: Role, target: Role): boolean {
  return target === "owner" ? actor === "owner" : can(actor, "members.manage");
}
