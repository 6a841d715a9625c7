import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { dataDir, env } from "@/lib/env";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
}

export type DbTarget = { kind: "pglite"; dataDir?: string } | { kind: "postgres"; url: string };

const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "drizzle");

/**
 * Opens a database and applies the migrations in drizzle/. PGlite's driver is loaded only when used,
 * so a PostgreSQL deployment never touches it (and the other way round).
 */
export async function openDatabase(target: DbTarget): Promise<DbHandle> {
  if (target.kind === "postgres") {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // Notices such as "relation already exists, skipping" are not worth a log line.
    const client = postgres(target.url, { max: 10, onnotice: () => {} });
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return { db, kind: "postgres", close: () => client.end() };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (target.dataDir) fs.mkdirSync(target.dataDir, { recursive: true });
  // No dataDir: an in-memory database (tests).
  const client = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db, kind: "pglite", close: () => client.close() };
}

export function configuredTarget(): DbTarget {
  const url = env().DATABASE_URL;
  return url ? { kind: "postgres", url } : { kind: "pglite", dataDir: path.join(dataDir(), "pglite") };
}

/*
 * One database client for the whole process. It lives on globalThis because the custom server and the
 * Next.js bundle load this module separately, and PGlite allows a single instance per data folder.
 */
const KEY = Symbol.for("ebb.db");
type GlobalWithDb = typeof globalThis & { [KEY]?: Promise<DbHandle> };
const holder = globalThis as GlobalWithDb;

export async function getDbHandle(): Promise<DbHandle> {
  holder[KEY] ??= openDatabase(configuredTarget());
  return holder[KEY];
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Makes `handle` the process's database (tests open their own). */
export function setProcessDatabase(handle: DbHandle): void {
  holder[KEY] = Promise.resolve(handle);
}

export async function closeDatabase(): Promise<void> {
  const pending = holder[KEY];
  delete holder[KEY];
  if (pending) await (await pending).close();
}

export { schema };
