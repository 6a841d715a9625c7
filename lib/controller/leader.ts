import postgres from "postgres";

/** Only the leader reconciles; with PGlite there is one process, so it always leads. */
export interface Leadership {
  isLeader(): Promise<boolean>;
  release(): Promise<void>;
}

export const soleLeader: Leadership = {
  isLeader: async () => true,
  release: async () => {},
};

/** A process that serves but never runs the control loop (EBB_ROLE without controller). */
export const neverLeader: Leadership = {
  isLeader: async () => false,
  release: async () => {},
};

// Any fixed 64-bit number, the same in every Ebb process sharing the database.
const LOCK_KEY = 0x0eb6c0de;

/**
 * Leadership through a PostgreSQL session-level advisory lock, held on a connection of its own: when
 * the leader's process dies, its connection closes, the lock is released and another process takes it.
 */
export function advisoryLockLeader(url: string): Leadership {
  const sql = postgres(url, { max: 1, idle_timeout: 0, onnotice: () => {} });
  let held = false;
  return {
    async isLeader() {
      if (held) return true;
      try {
        const [row] = await sql<{ locked: boolean }[]>`select pg_try_advisory_lock(${LOCK_KEY}) as locked`;
        held = row?.locked ?? false;
      } catch {
        held = false;
      }
      return held;
    },
    async release() {
      if (held) await sql`select pg_advisory_unlock(${LOCK_KEY})`.catch(() => {});
      held = false;
      await sql.end({ timeout: 1 });
    },
  };
}
