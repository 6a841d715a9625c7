import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { advisoryLockLeader, LOCK_KEY } from "@/lib/controller/leader";

// Leader election only exists on PostgreSQL: with PGlite one process holds the database.
describe.runIf(process.env.EBB_TEST_DB === "postgres")("controller leadership on PostgreSQL", () => {
  it("lets one controller lead at a time and hands over when the leader goes", async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const first = advisoryLockLeader(url);
    const second = advisoryLockLeader(url);
    try {
      expect(await first.isLeader()).toBe(true);
      expect(await second.isLeader()).toBe(false);
      expect(await first.isLeader()).toBe(true);
      await first.release();
      expect(await second.isLeader()).toBe(true);
    } finally {
      await first.release().catch(() => {});
      await second.release();
    }
  });

  it("a leader whose connection was cut no longer leads, and another takes over: never two at once", async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const first = advisoryLockLeader(url);
    const second = advisoryLockLeader(url);
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    try {
      expect(await first.isLeader()).toBe(true);
      // The leader's session ends (a PostgreSQL restart, a proxy timing out): its lock goes with it.
      await admin`
        select pg_terminate_backend(pid) from pg_locks
        where locktype = 'advisory' and granted and objid = ${LOCK_KEY} and pid <> pg_backend_pid()
          and database = (select oid from pg_database where datname = current_database())`;
      expect(await second.isLeader()).toBe(true);
      expect(await first.isLeader()).toBe(false);
      expect(await first.isLeader()).toBe(false);
      expect(await second.isLeader()).toBe(true);
    } finally {
      await first.release().catch(() => {});
      await second.release();
      await admin.end();
    }
  });
});
