import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loginFailures, memberships, organizations, users } from "@/lib/db/schema";
import crypto from "node:crypto";
import { LOGIN_LIMITS } from "@/lib/domain/login-throttle";
import { env } from "@/lib/env";
import { RateLimitedError, ValidationError } from "@/lib/errors";
import { authenticate, changePassword, signUp as signUpWith } from "@/lib/services/accounts";
import { createSession, endSession, isSessionActive } from "@/lib/services/sessions";
import { getCallerByUserId } from "@/lib/services/caller";
import { PASSWORD } from "../support/accounts";
import { getDb, uniqueEmail, withTestDatabase } from "../support/database";

withTestDatabase();

// Open sign-up, each from an address of its own (sign-ups are limited per address).
const signUp = (input: unknown) => signUpWith(input, { mode: "open", ip: uniqueEmail("ip") });

async function rowCounts() {
  const db = await getDb();
  const [u] = await db.select({ n: count() }).from(users);
  const [o] = await db.select({ n: count() }).from(organizations);
  const [m] = await db.select({ n: count() }).from(memberships);
  return { users: u!.n, organizations: o!.n, memberships: m!.n };
}

async function signUpError(input: Record<string, unknown>): Promise<ValidationError> {
  const error = await signUp(input).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe("sign-up", () => {
  it("creates the organization with the new user as its owner", async () => {
    const email = uniqueEmail();
    const { user, organization } = await signUp({ name: "Ada", email: `  ${email.toUpperCase()} `, password: PASSWORD, organization: "Acme AI" });
    expect(user.email).toBe(email);
    expect(organization.name).toBe("Acme AI");
    const caller = await getCallerByUserId({ userId: user.id });
    expect(caller).toMatchObject({ role: "owner", organizationId: organization.id, organizationName: "Acme AI" });
    const db = await getDb();
    const [stored] = await db.select().from(users).where(eq(users.id, user.id));
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored!.passwordHash).not.toContain(PASSWORD);
  });

  it("gives each organization its own namespace", async () => {
    const a = await signUp({ name: "A", email: uniqueEmail(), password: PASSWORD, organization: "Same Name Labs" });
    const b = await signUp({ name: "B", email: uniqueEmail(), password: PASSWORD, organization: "Same Name Labs" });
    expect(a.organization.slug).toBe("same-name-labs");
    expect(b.organization.slug).toBe("same-name-labs-2");
  });

  it("rejects a malformed email, a short password and an empty organization, and creates nothing", async () => {
    const before = await rowCounts();
    const error = await signUpError({ name: "", email: "not-an-email", password: "short", organization: " " });
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["email", "name", "organization", "password"]);
    expect(error.fieldErrors.email![0]).toMatch(/valid email/);
    expect(error.fieldErrors.password![0]).toMatch(/at least 10 characters/);
    expect(await rowCounts()).toEqual(before);
  });

  it("rejects a duplicate email, whatever its case, and creates nothing", async () => {
    const email = uniqueEmail();
    await signUp({ name: "First", email, password: PASSWORD, organization: "First Org" });
    const before = await rowCounts();
    const error = await signUpError({ name: "Second", email: email.toUpperCase(), password: PASSWORD, organization: "Second Org" });
    expect(error.fieldErrors.email![0]).toMatch(/already exists/);
    expect(await rowCounts()).toEqual(before);
  });

  it("lets only one of two simultaneous sign-ups with the same email through", async () => {
    const email = uniqueEmail();
    const results = await Promise.allSettled([
      signUp({ name: "One", email, password: PASSWORD, organization: "Race One" }),
      signUp({ name: "Two", email, password: PASSWORD, organization: "Race Two" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const db = await getDb();
    const [row] = await db.select({ n: count() }).from(users).where(eq(users.email, email));
    expect(row!.n).toBe(1);
  });
});

describe("sign-in", () => {
  it("accepts the right password and answers the same for a wrong password and an unknown email", async () => {
    const email = uniqueEmail();
    await signUp({ name: "Grace", email, password: PASSWORD, organization: "Grace Org" });
    const ok = await authenticate({ email: email.toUpperCase(), password: PASSWORD, ip: "10.0.0.1" });
    expect(ok).toMatchObject({ ok: true, user: { email } });
    const wrong = await authenticate({ email, password: "wrong password", ip: "10.0.0.1" });
    const unknown = await authenticate({ email: uniqueEmail("nobody"), password: PASSWORD, ip: "10.0.0.1" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("locks an account after repeated failures, even for the right password, and says how long", async () => {
    const email = uniqueEmail();
    await signUp({ name: "Locked", email, password: PASSWORD, organization: "Locked Org" });
    for (let i = 0; i < LOGIN_LIMITS.account.maxFailures; i++) {
      // Each from a different address: the account limit holds across addresses.
      expect(await authenticate({ email, password: "guess", ip: `10.1.0.${i}` })).toMatchObject({ reason: "invalid" });
    }
    const locked = await authenticate({ email, password: PASSWORD, ip: "10.1.1.1" });
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited" });
    if (locked.ok || locked.reason !== "rate_limited") throw new Error("unreachable");
    expect(locked.retryAfterSeconds).toBeGreaterThan(LOGIN_LIMITS.account.windowSeconds - 60);
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(LOGIN_LIMITS.account.windowSeconds);
  });

  it("limits one address guessing over many accounts", async () => {
    const ip = "10.2.0.1";
    for (let i = 0; i < LOGIN_LIMITS.ip.maxFailures; i++) {
      await authenticate({ email: uniqueEmail("spray"), password: "guess", ip });
    }
    expect(await authenticate({ email: uniqueEmail("spray"), password: "guess", ip })).toMatchObject({ reason: "rate_limited" });
    expect(await authenticate({ email: uniqueEmail("spray"), password: "guess", ip: "10.2.0.2" })).toMatchObject({ reason: "invalid" });
  });

  it("forgives an account's earlier failures after a successful sign-in", async () => {
    const email = uniqueEmail();
    await signUp({ name: "Forgiven", email, password: PASSWORD, organization: "Forgiven Org" });
    for (let i = 0; i < LOGIN_LIMITS.account.maxFailures - 1; i++) {
      await authenticate({ email, password: "guess", ip: "10.3.0.1" });
    }
    expect(await authenticate({ email, password: PASSWORD, ip: "10.3.0.1" })).toMatchObject({ ok: true });
    const db = await getDb();
    const [row] = await db.select({ n: count() }).from(loginFailures).where(eq(loginFailures.key, `email:${email}`));
    expect(row!.n).toBe(0);
    // A fresh budget: another near-limit run does not lock it.
    for (let i = 0; i < LOGIN_LIMITS.account.maxFailures - 1; i++) {
      await authenticate({ email, password: "guess", ip: "10.3.0.2" });
    }
    expect(await authenticate({ email, password: PASSWORD, ip: "10.3.0.2" })).toMatchObject({ ok: true });
  });

  it("evaluates at most the limit of 30 concurrent wrong passwords for one account", async () => {
    const email = uniqueEmail("storm");
    await signUp({ name: "Storm", email, password: PASSWORD, organization: "Storm Org" });
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => authenticate({ email, password: `guess ${i}`, ip: `10.4.${i}.1` })));
    const evaluated = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(evaluated).toBe(LOGIN_LIMITS.account.maxFailures);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited").length).toBe(30 - LOGIN_LIMITS.account.maxFailures);
  });
});

describe("sign-up limits", () => {
  it("limits sign-ups from one address and says when to try again", async () => {
    const ip = "10.5.0.1";
    for (let i = 0; i < env().EBB_SIGNUP_LIMIT; i++) {
      await signUpWith({ name: "Bulk", email: uniqueEmail("bulk"), password: PASSWORD, organization: `Bulk ${i}` }, { mode: "open", ip });
    }
    const before = await rowCounts();
    const refused = await signUpWith({ name: "Bulk", email: uniqueEmail("bulk"), password: PASSWORD, organization: "Bulk more" }, { mode: "open", ip }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).message).toMatch(/Try again in \d+ minutes/);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("sessions", () => {
  it("ends at sign-out, and a password change ends every other session of the person", async () => {
    const email = uniqueEmail("sessions");
    const { user } = await signUp({ name: "Sess", email, password: PASSWORD, organization: "Sessions Org" });
    const caller = (await getCallerByUserId({ userId: user.id }))!;
    const laptop = await createSession({ userId: user.id });
    const phone = await createSession({ userId: user.id });
    const stolen = await createSession({ userId: user.id });
    expect(await isSessionActive({ sessionId: laptop, userId: user.id })).toBe(true);
    // Another user's id with this session id is no session.
    expect(await isSessionActive({ sessionId: laptop, userId: crypto.randomUUID() })).toBe(false);

    await endSession({ sessionId: phone });
    expect(await isSessionActive({ sessionId: phone, userId: user.id })).toBe(false);

    const wrong = await changePassword({ caller, input: { currentPassword: "not it", newPassword: "a new password" }, keepSession: laptop }).catch((e: unknown) => e);
    expect((wrong as ValidationError).fieldErrors.currentPassword).toBeDefined();
    expect(await isSessionActive({ sessionId: stolen, userId: user.id })).toBe(true);

    await changePassword({ caller, input: { currentPassword: PASSWORD, newPassword: "a new password" }, keepSession: laptop });
    expect(await isSessionActive({ sessionId: laptop, userId: user.id })).toBe(true);
    expect(await isSessionActive({ sessionId: stolen, userId: user.id })).toBe(false);
    expect((await authenticate({ email, password: PASSWORD, ip: "10.6.0.1" })).ok).toBe(false);
    expect((await authenticate({ email, password: "a new password", ip: "10.6.0.1" })).ok).toBe(true);
  });
});
