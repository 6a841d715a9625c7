import crypto from "node:crypto";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { invitations, memberships, organizations, users } from "@/lib/db/schema";
import { acceptInvitationSchema, inviteMemberSchema } from "@/lib/domain/account";
import { accountCreationLimit } from "@/lib/domain/login-throttle";
import { env } from "@/lib/env";
import { canAssignRole, type Role } from "@/lib/domain/roles";
import { parseOrThrow } from "@/lib/domain/validation";
import { hashPassword } from "@/lib/crypto/password";
import { NotFoundError, RateLimitedError, ValidationError } from "@/lib/errors";
import { DUPLICATE_EMAIL_MESSAGE } from "./accounts";
import { assertCan, type Caller } from "./caller";
import { reserveAttempt } from "./throttle";

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

const INVALID_LINK = "This invitation link is not valid: it was used, revoked or has expired. Ask for a new one.";

export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
}

const hashOf = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

function pending(now: Date) {
  return and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));
}

/**
 * Invites a person by email with a role. The answer holds the link's secret, shown once to whoever
 * invites; only its hash is kept. A new invitation for the same email replaces the pending one.
 */
export async function inviteMember({ caller, input, now = new Date() }: { caller: Caller; input: unknown; now?: Date }) {
  assertCan(caller, "members.manage");
  const data = parseOrThrow(inviteMemberSchema, input);
  if (!canAssignRole(caller.role, data.role)) throw ValidationError.forField("role", "Only an owner can invite another owner.");
  const db = await getDb();
  const taken = await db.select({ id: users.id }).from(users).where(eq(users.email, data.email));
  if (taken.length > 0) throw ValidationError.forField("email", "This person already has an Ebb account.");
  const token = crypto.randomBytes(32).toString("base64url");
  const invitation = await db.transaction(async (tx) => {
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.organizationId, caller.organizationId), eq(invitations.email, data.email), pending(now)));
    const [row] = await tx
      .insert(invitations)
      .values({
        organizationId: caller.organizationId,
        email: data.email,
        role: data.role,
        tokenHash: hashOf(token),
        invitedBy: caller.userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 24 * 3_600_000),
      })
      .returning();
    return row!;
  });
  return { invitation: { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt }, token };
}

export async function listInvitations({ caller, now = new Date() }: { caller: Caller; now?: Date }): Promise<PendingInvitation[]> {
  assertCan(caller, "members.manage");
  const db = await getDb();
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.organizationId, caller.organizationId), pending(now)))
    .orderBy(asc(invitations.createdAt));
}

export async function revokeInvitation({ caller, invitationId }: { caller: Caller; invitationId: string }): Promise<void> {
  assertCan(caller, "members.manage");
  const id = parseOrThrow(inviteIdSchema, invitationId);
  const db = await getDb();
  const [row] = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, id), eq(invitations.organizationId, caller.organizationId), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  if (!row) throw new NotFoundError("No such invitation in this organization.");
}

/** What the invitation page shows before the person accepts: null for a link that does not work. */
export async function findInvitation({ token, now = new Date() }: { token: string; now?: Date }) {
  if (!TOKEN_PATTERN.test(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({ email: invitations.email, role: invitations.role, organization: organizations.name })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(and(eq(invitations.tokenHash, hashOf(token)), pending(now)));
  return row ?? null;
}

/**
 * The invited person sets their name and password: their account is made and joins the organization
 * with the invited role, and the link is used up, all or nothing. Attempts are limited per address.
 */
export async function acceptInvitation({ token, input, ip = "unknown", now = new Date() }: { token: string; input: unknown; ip?: string; now?: Date }) {
  const data = parseOrThrow(acceptInvitationSchema, input);
  const reservation = await reserveAttempt([{ key: `invite-ip:${ip}`, limit: accountCreationLimit(env().EBB_SIGNUP_LIMIT) }], now);
  if (!reservation.ok) throw new RateLimitedError(reservation.retryAfterSeconds);
  if (!TOKEN_PATTERN.test(token)) throw ValidationError.forField("token", INVALID_LINK);
  const passwordHash = await hashPassword(data.password);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [invitation] = await tx
        .select()
        .from(invitations)
        .where(and(eq(invitations.tokenHash, hashOf(token)), pending(now)))
        .for("update");
      if (!invitation) throw ValidationError.forField("token", INVALID_LINK);
      const [user] = await tx.insert(users).values({ email: invitation.email, name: data.name, passwordHash }).returning({ id: users.id, email: users.email });
      await tx.insert(memberships).values({ organizationId: invitation.organizationId, userId: user!.id, role: invitation.role });
      await tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, invitation.id));
      return user!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.forField("token", DUPLICATE_EMAIL_MESSAGE);
    throw error;
  }
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const inviteIdSchema = z.uuid({ error: "Unknown invitation." });
