import { asc, eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { memberships, organizations, users } from "@/lib/db/schema";
import { can, type Permission, type Role } from "@/lib/domain/roles";
import { ForbiddenError } from "@/lib/errors";

/** Who is acting, in which organization, with which role. Every service function takes one. */
export interface Caller {
  userId: string;
  name: string;
  email: string;
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
  role: Role;
  /** The API token the request came with, when it came with one (the log says so). */
  tokenName?: string;
}

/** A caller's columns, read from users, organizations and memberships joined. */
export const CALLER_COLUMNS = {
  userId: users.id,
  name: users.name,
  email: users.email,
  organizationId: organizations.id,
  organizationName: organizations.name,
  organizationSlug: organizations.slug,
  role: memberships.role,
};

/**
 * The caller for a signed-in user, read fresh from the database on every request so a changed role or
 * a removed member takes effect at once, whatever the session cookie says. Null when the user no longer
 * exists or belongs to no organization.
 */
export async function getCallerByUserId({ userId }: { userId: string }): Promise<Caller | null> {
  const db = await getDb();
  const [row] = await db
    .select(CALLER_COLUMNS)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row ?? null;
}

export function assertCan(caller: Caller, permission: Permission): void {
  if (!can(caller.role, permission)) throw new ForbiddenError();
}
