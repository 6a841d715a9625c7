import { eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { memberships, organizations, users } from "@/lib/db/schema";
import { changePasswordSchema, signInSchema, signUpSchema, slugify } from "@/lib/domain/account";
import { hashForUnknownAccount, hashPassword, verifyPassword } from "@/lib/crypto/password";
import { ForbiddenError, RateLimitedError, ValidationError } from "@/lib/errors";
import { env } from "@/lib/env";
import type { Caller } from "./caller";
import { endOtherSessions } from "./sessions";
import { parseOrThrow } from "@/lib/domain/validation";
import { accountCreationLimit, LOGIN_LIMITS } from "@/lib/domain/login-throttle";
import { clearAttempts, releaseAttempt, reserveAttempt } from "./throttle";

export const DUPLICATE_EMAIL_MESSAGE = "An account with this email already exists. Sign in instead.";

async function uniqueSlug(name: string): Promise<string> {
  const db = await getDb();
  const base = slugify(name) || "org";
  const taken = new Set(
    (
      await db
        .select({ slug: organizations.slug })
        .from(organizations)
        .where(sql`${organizations.slug} = ${base} or ${organizations.slug} like ${base + "-%"}`)
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export const SIGNUP_BY_INVITATION_MESSAGE = "Sign-up on this Ebb is by invitation: ask an owner or admin of your organization to invite you.";

export type SignUpMode = "invite" | "open";

/** Whether a visitor may create an account now: always with open sign-up, else only the very first. */
export async function signUpOpen(mode: SignUpMode = env().EBB_SIGNUP): Promise<boolean> {
  return mode === "open" || (await countUsers()) === 0;
}

/**
 * Creates an organization with the new user as its owner, all or nothing. With invitation-only sign-up
 * (the default) only the install's first account is made here; the check and the insert hold a lock on
 * the users table, so two first visitors cannot both become the first.
 */
export async function signUp(input: unknown, { mode = env().EBB_SIGNUP, ip = "unknown" }: { mode?: SignUpMode; ip?: string } = {}) {
  const data = parseOrThrow(signUpSchema, input);
  if (!(await signUpOpen(mode))) throw new ForbiddenError(SIGNUP_BY_INVITATION_MESSAGE);
  const reservation = await reserveAttempt([{ key: `signup-ip:${ip}`, limit: accountCreationLimit(env().EBB_SIGNUP_LIMIT) }]);
  if (!reservation.ok) throw new RateLimitedError(reservation.retryAfterSeconds);
  const db = await getDb();
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, data.email));
  if (existing.length > 0) throw ValidationError.forField("email", DUPLICATE_EMAIL_MESSAGE);

  const passwordHash = await hashPassword(data.password);
  const slug = await uniqueSlug(data.organization);
  try {
    return await db.transaction(async (tx) => {
      if (mode === "invite") {
        await tx.execute(sql`lock table ${users} in share row exclusive mode`);
        const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
        if ((row?.n ?? 0) > 0) throw new ForbiddenError(SIGNUP_BY_INVITATION_MESSAGE);
      }
      const [org] = await tx.insert(organizations).values({ name: data.organization, slug }).returning();
      const [user] = await tx
        .insert(users)
        .values({ email: data.email, name: data.name, passwordHash })
        .returning({ id: users.id, email: users.email, name: users.name });
      await tx.insert(memberships).values({ organizationId: org!.id, userId: user!.id, role: "owner" });
      return { user: user!, organization: org! };
    });
  } catch (error) {
    // Two sign-ups racing for the same email: the unique index decides.
    if (isUniqueViolation(error)) throw ValidationError.forField("email", DUPLICATE_EMAIL_MESSAGE);
    throw error;
  }
}

/** Sets a new password after checking the current one; the person's other sessions end. */
export async function changePassword({ caller, input, keepSession }: { caller: Caller; input: unknown; keepSession: string | null }): Promise<void> {
  const data = parseOrThrow(changePasswordSchema, input);
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, caller.userId));
  if (!user || !(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw ValidationError.forField("currentPassword", "This is not your current password.");
  }
  await db.update(users).set({ passwordHash: await hashPassword(data.newPassword) }).where(eq(users.id, caller.userId));
  await endOtherSessions({ userId: caller.userId, keep: keepSession });
}

export type AuthenticateResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Checks an email and password. The answer for an unknown email and for a wrong password is the same,
 * and takes as long. Failures count against both the account and the client address.
 */
export async function authenticate({ email, password, ip }: { email: unknown; password: unknown; ip: string }): Promise<AuthenticateResult> {
  const parsed = signInSchema.safeParse({ email, password });
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const creds = parsed.data;

  // The attempt is counted before the password is checked, so concurrent guesses cannot all be checked.
  const reservation = await reserveAttempt([
    { key: `email:${creds.email}`, limit: LOGIN_LIMITS.account },
    { key: `ip:${ip}`, limit: LOGIN_LIMITS.ip },
  ]);
  if (!reservation.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: reservation.retryAfterSeconds };

  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, creds.email));
  const valid = await verifyPassword(user?.passwordHash ?? (await hashForUnknownAccount()), creds.password);
  // A failure keeps its reservation; a success gives it back and forgives the account's earlier failures.
  if (!user || !valid) return { ok: false, reason: "invalid" };
  await releaseAttempt(reservation.ids);
  await clearAttempts(`email:${creds.email}`);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

export async function countUsers(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}
