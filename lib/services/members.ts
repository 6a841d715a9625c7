import { and, asc, eq } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db";
import { memberships, users } from "@/lib/db/schema";
import { changeRoleSchema } from "@/lib/domain/account";
import { canAssignRole, type Role } from "@/lib/domain/roles";
import { parseOrThrow } from "@/lib/domain/validation";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { assertCan, type Caller } from "./caller";

export interface Member {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
}

export async function listMembers({ caller }: { caller: Caller }): Promise<Member[]> {
  assertCan(caller, "members.view");
  const db = await getDb();
  return db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, caller.organizationId))
    .orderBy(asc(memberships.createdAt));
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * The membership, if it belongs to the caller's organization (404 otherwise, so ids of other
 * organizations are indistinguishable from ids that do not exist). Locks the organization's owner rows
 * so two concurrent changes cannot both remove "the other" owner.
 */
async function loadForChange(tx: Tx, caller: Caller, membershipId: string) {
  const owners = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.organizationId, caller.organizationId), eq(memberships.role, "owner")))
    .for("update");
  const [target] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), eq(memberships.organizationId, caller.organizationId)));
  if (!target) throw new NotFoundError("No such member in this organization.");
  return { target, ownerCount: owners.length };
}

const LAST_OWNER_MESSAGE = "An organization needs at least one owner. Make someone else an owner first.";

export async function changeMemberRole({ caller, input }: { caller: Caller; input: unknown }): Promise<void> {
  assertCan(caller, "members.manage");
  const { membershipId, role } = parseOrThrow(changeRoleSchema, input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { target, ownerCount } = await loadForChange(tx, caller, membershipId);
    if (!canAssignRole(caller.role, target.role) || !canAssignRole(caller.role, role)) {
      throw new ForbiddenError("Only an owner can change an owner's role or make someone an owner.");
    }
    if (target.role === "owner" && role !== "owner" && ownerCount <= 1) {
      throw ValidationError.forField("role", LAST_OWNER_MESSAGE);
    }
    await tx.update(memberships).set({ role }).where(eq(memberships.id, target.id));
  });
}

export async function removeMember({ caller, membershipId }: { caller: Caller; membershipId: string }): Promise<void> {
  assertCan(caller, "members.manage");
  const id = parseOrThrow(changeRoleSchema.shape.membershipId, membershipId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { target, ownerCount } = await loadForChange(tx, caller, id);
    if (!canAssignRole(caller.role, target.role)) {
      throw new ForbiddenError("Only an owner can remove an owner.");
    }
    if (target.role === "owner" && ownerCount <= 1) {
      throw ValidationError.forField("membershipId", LAST_OWNER_MESSAGE);
    }
    await tx.delete(memberships).where(eq(memberships.id, target.id));
    // Accounts are made per organization here; one left with no organization is removed with it.
    const remaining = await tx.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, target.userId));
    if (remaining.length === 0) await tx.delete(users).where(eq(users.id, target.userId));
  });
}
