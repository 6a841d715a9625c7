import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db";
import { apiTokens, loginFailures, memberships, organizations, users } from "@/lib/db/schema";
import { getDb, uniqueEmail, withTestDatabase } from "../support/database";

withTestDatabase();

describe("database", () => {
  it("has every table of the schema after the migrations", async () => {
    const db = await getDb();
    for (const table of [organizations, users, memberships, apiTokens, loginFailures]) {
      const [row] = await db.select({ n: count() }).from(table);
      expect(row!.n).toBeGreaterThanOrEqual(0);
    }
  });

  it.runIf(process.env.EBB_TEST_DB !== "postgres")("keeps data in the PGlite data folder across a restart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ebb-pglite-"));
    const email = uniqueEmail("persist");
    try {
      const first = await openDatabase({ kind: "pglite", dataDir: dir });
      await first.db.insert(users).values({ email, name: "Persist", passwordHash: "x" });
      await first.close();

      // Opening again runs the migrations again: they must find everything in place.
      const second = await openDatabase({ kind: "pglite", dataDir: dir });
      const rows = await second.db.select().from(users).where(eq(users.email, email));
      await second.close();
      expect(rows.map((r) => r.name)).toEqual(["Persist"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
