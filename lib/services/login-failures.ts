import { and, eq, gt, inArray, lt } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { loginFailures } from "@/lib/db/schema";
import { LOGIN_LIMITS, retryAfterSeconds } from "@/lib/domain/login-throttle";

const accountKey = (email: string) => `email:${email}`;
const ipKey = (ip: string) => `ip:${ip}`;
const LONGEST_WINDOW_MS = Math.max(LOGIN_LIMITS.account.windowSeconds, LOGIN_LIMITS.ip.windowSeconds) * 1000;

/** Seconds the caller must wait before trying this account from this address, 0 if it may try now. */
export async function getLoginRetryAfter({ email, ip, now = new Date() }: { email: string; ip: string; now?: Date }) {
  const db = await getDb();
  const rows = await db
    .select({ key: loginFailures.key, createdAt: loginFailures.createdAt })
    .from(loginFailures)
    .where(
      and(
        inArray(loginFailures.key, [accountKey(email), ipKey(ip)]),
        gt(loginFailures.createdAt, new Date(now.getTime() - LONGEST_WINDOW_MS)),
      ),
    );
  const times = (key: string) => rows.filter((r) => r.key === key).map((r) => r.createdAt);
  return Math.max(
    retryAfterSeconds(times(accountKey(email)), LOGIN_LIMITS.account, now),
    retryAfterSeconds(times(ipKey(ip)), LOGIN_LIMITS.ip, now),
  );
}

export async function recordLoginFailure({ email, ip, now = new Date() }: { email: string; ip: string; now?: Date }) {
  const db = await getDb();
  await db.insert(loginFailures).values([
    { key: accountKey(email), createdAt: now },
    { key: ipKey(ip), createdAt: now },
  ]);
  // Old rows are never read again; dropping them here keeps the table small without a job.
  await db.delete(loginFailures).where(lt(loginFailures.createdAt, new Date(now.getTime() - LONGEST_WINDOW_MS)));
}

/** A successful sign-in forgives the account's earlier failures (not the address's). */
export async function clearLoginFailures({ email }: { email: string }) {
  const db = await getDb();
  await db.delete(loginFailures).where(eq(loginFailures.key, accountKey(email)));
}
