import { and, eq, gt, lt, ne } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { sessions } from "@/lib/db/schema";

/** As long as the session cookie lives (lib/auth/config.ts). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Records a signed-in browser; its id goes into the session cookie. */
export async function createSession({ userId, now = new Date() }: { userId: string; now?: Date }): Promise<string> {
  const db = await getDb();
  // Sessions past their expiry are of no use to anyone: dropped while making a new one.
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
  const [row] = await db
    .insert(sessions)
    .values({ userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) })
    .returning({ id: sessions.id });
  return row!.id;
}

/** Whether the cookie's session still stands: not signed out, not ended by a password change, not expired. */
export async function isSessionActive({ sessionId, userId }: { sessionId: string; userId: string }): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return false;
  const db = await getDb();
  const [row] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())));
  return !!row;
}

/** Sign-out: the cookie's session ends here, so a copy of the cookie stops working too. */
export async function endSession({ sessionId }: { sessionId: string }): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  const db = await getDb();
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Every session of the user but the one given (after a password change). */
export async function endOtherSessions({ userId, keep }: { userId: string; keep: string | null }): Promise<void> {
  const db = await getDb();
  await db.delete(sessions).where(keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId));
}
