import os from "node:os";
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

// Any fixed number, the same in every Ebb process sharing the database (under 2^32: pg_locks shows it as objid).
export const LOCK_KEY = 0x0eb6c0de;

/**
 * Leadership through a PostgreSQL session-level advisory lock, held on a connection of its own: when
 * the leader's process dies, its connection closes, the lock is released and another process takes it.
 */
export function advisoryLockLeader(url: string): Leadership {
  // Named, so that pg_stat_activity tells which Ebb process (host and pid) leads.
  const sql = postgres(url, { max: 1, idle_timeout: 0, onnotice: () => {}, connection: { application_name: `ebb leader ${os.hostname()} ${process.pid}` } });
  let held = false;
  return {
    async isLeader() {
      try {
        if (held) {
          // The lock belongs to the session: a connection that dropped (the client reconnects on its own)
          // holds nothing any more, and another process may lead by now. Asked each time, not assumed.
          const [row] = await sql<{ mine: boolean }[]>`
            select exists (select 1 from pg_locks where locktype = 'advisory' and granted and pid = pg_backend_pid() and classid = 0 and objid = ${LOCK_KEY}) as mine`;
          if (row?.mine) return true;
        }
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
