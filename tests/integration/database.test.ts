import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db";
import * as schema from "@/lib/db/schema";
import { users } from "@/lib/db/schema";
import { getDb, uniqueEmail, withTestDatabase } from "../support/database";

withTestDatabase();

describe("database", () => {
  it("has, after the migrations, exactly the tables and columns of the schema (no drift)", async () => {
    const db = await getDb();
    const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
    expect(tables.length).toBeGreaterThanOrEqual(16);
    const expected = Object.fromEntries(tables.map((t) => [getTableConfig(t).name, getTableConfig(t).columns.map((c) => c.name).sort()]));
    const rows = (await db.execute(sql`select table_name, column_name from information_schema.columns where table_schema = 'public'`)) as unknown as
      | Array<{ table_name: string; column_name: string }>
      | { rows: Array<{ table_name: string; column_name: string }> };
    const list = Array.isArray(rows) ? rows : rows.rows;
    const actual: Record<string, string[]> = {};
    for (const r of list) if (!r.table_name.startsWith("__drizzle")) (actual[r.table_name] ??= []).push(r.column_name);
    for (const columns of Object.values(actual)) columns.sort();
    expect(actual).toEqual(expected);
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
