import { and, gt, inArray, lt, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { loginFailures as attempts } from "@/lib/db/schema";
import { retryAfterSeconds, type ThrottleLimit } from "@/lib/domain/login-throttle";

export interface ThrottleRule {
  /** What is counted: "email:…", "ip:…", "signup-ip:…". */
  key: string;
  limit: ThrottleLimit;
}

export type Reservation = { ok: true; ids: string[] } | { ok: false; retryAfterSeconds: number };

/** Rows older than any window are never read again. */
const KEEP_MS = 24 * 3_600_000;

/**
 * Takes one attempt under every rule, or none: under a lock per key, counts the attempts in each window
 * and records this one only if all have room. The count and the record are one step, so 30 concurrent
 * attempts against a limit of 5 get exactly 5 through; the others are told how long to wait. The
 * attempt counts until released (a successful sign-in releases its own).
 */
export async function reserveAttempt(rules: ThrottleRule[], now = new Date()): Promise<Reservation> {
  const keys = [...new Set(rules.map((r) => r.key))].sort();
  const longest = Math.max(...rules.map((r) => r.limit.windowSeconds)) * 1000;
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Sorted, so two attempts sharing keys always lock them in the same order.
    for (const key of keys) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
    const rows = await tx
      .select({ key: attempts.key, createdAt: attempts.createdAt })
      .from(attempts)
      .where(and(inArray(attempts.key, keys), gt(attempts.createdAt, new Date(now.getTime() - longest))));
    const wait = Math.max(
      ...rules.map((rule) =>
        retryAfterSeconds(
          rows.filter((r) => r.key === rule.key).map((r) => r.createdAt),
          rule.limit,
          now,
        ),
      ),
    );
    if (wait > 0) return { ok: false, retryAfterSeconds: wait };
    const inserted = await tx
      .insert(attempts)
      .values(rules.map((rule) => ({ key: rule.key, createdAt: now })))
      .returning({ id: attempts.id });
    await tx.delete(attempts).where(lt(attempts.createdAt, new Date(now.getTime() - KEEP_MS)));
    return { ok: true, ids: inserted.map((r) => r.id) };
  });
}

/** Gives back attempts that turned out fine (a correct password). */
export async function releaseAttempt(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const db = await getDb();
  await db.delete(attempts).where(inArray(attempts.id, ids));
}

/** Forgets every attempt under a key (an account's failures after it signs in). */
export async function clearAttempts(key: string): Promise<void> {
  const db = await getDb();
  await db.delete(attempts).where(inArray(attempts.key, [key]));
}
