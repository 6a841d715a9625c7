import { eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { memberships, organizations, users } from "@/lib/db/schema";
import { signInSchema, signUpSchema, slugify } from "@/lib/domain/account";
import { hashForUnknownAccount, hashPassword, verifyPassword } from "@/lib/auth/password";
import { ValidationError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/domain/validation";
import { clearLoginFailures, getLoginRetryAfter, recordLoginFailure } from "./login-failures";

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

/** Creates an organization with the new user as its owner, all or nothing. */
export async function signUp(input: unknown) {
  const data = parseOrThrow(signUpSchema, input);
  const db = await getDb();
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, data.email));
  if (existing.length > 0) throw ValidationError.forField("email", DUPLICATE_EMAIL_MESSAGE);

  const passwordHash = await hashPassword(data.password);
  const slug = await uniqueSlug(data.organization);
  try {
    return await db.transaction(async (tx) => {
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

  const wait = await getLoginRetryAfter({ email: creds.email, ip });
  if (wait > 0) return { ok: false, reason: "rate_limited", retryAfterSeconds: wait };

  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, creds.email));
  const valid = await verifyPassword(user?.passwordHash ?? (await hashForUnknownAccount()), creds.password);
  if (!user || !valid) {
    await recordLoginFailure({ email: creds.email, ip });
    return { ok: false, reason: "invalid" };
  }
  await clearLoginFailures({ email: creds.email });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

export async function countUsers(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}
