import { describe, expect, it } from "vitest";
import { advisoryLockLeader } from "@/lib/controller/leader";

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
});
