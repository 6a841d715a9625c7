import crypto from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { closeDatabase, getDb, openDatabase, setProcessDatabase } from "@/lib/db";

/**
 * Gives the test file a database of its own, made fresh and migrated: in-memory PGlite, or a new
 * database on the PostgreSQL server of TEST_DATABASE_URL (dropped afterwards). The vitest project
 * (db:pglite or db:postgres) picks which.
 */
let currentUrl: string | null = null;

/** The URL of this file's PostgreSQL database, for Ebb processes the test starts (null on PGlite). */
export function testDatabaseUrl(): string | null {
  return currentUrl;
}

export function withTestDatabase(): void {
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (process.env.EBB_TEST_DB !== "postgres") {
      setProcessDatabase(await openDatabase({ kind: "pglite" }));
      return;
    }
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error("TEST_DATABASE_URL is required for the db:postgres project");
    const name = `ebb_test_${crypto.randomBytes(6).toString("hex")}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    currentUrl = url.toString();
    setProcessDatabase(await openDatabase({ kind: "postgres", url: currentUrl }));
    dropDatabase = async () => {
      // An autovacuum worker on the database is not ours to end: wait for it and try again.
      for (let attempt = 1; ; attempt++) {
        try {
          await admin.unsafe(`drop database if exists ${name} with (force)`);
          break;
        } catch (error) {
          if (attempt >= 10 || !/pg_signal_backend|being accessed by other users/.test(String(error))) throw error;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      await admin.end();
    };
  });

  afterAll(async () => {
    await closeDatabase();
    await dropDatabase?.();
  });
}

export { getDb };

/** An email no other test uses. */
export function uniqueEmail(label = "user"): string {
  return `${label}-${crypto.randomBytes(5).toString("hex")}@example.com`;
}
