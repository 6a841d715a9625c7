import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const postgresUrl = process.env.TEST_DATABASE_URL;

// In CI the PostgreSQL run is required: a missing database is a failure, not a quiet skip.
if (process.env.CI === "true" && !postgresUrl) {
  throw new Error("CI=true but TEST_DATABASE_URL is not set: the database tests must also run on PostgreSQL.");
}

const databaseProject = (kind: "pglite" | "postgres") => ({
  extends: true as const,
  test: {
    name: `db:${kind}`,
    include: ["tests/integration/**/*.test.ts"],
    env: { EBB_TEST_DB: kind },
    // Each file opens its own database; argon2 hashing and PGlite's start make them slower than units.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // Outside Next.js, "server-only" would throw on import; tests run on the server side anyway.
      { find: "server-only", replacement: path.join(root, "node_modules/server-only/empty.js") },
    ],
  },
  test: {
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      databaseProject("pglite"),
      {
        extends: true,
        test: {
          // Real replica processes, real HTTP servers: on PGlite, one file at a time so timings stay sane on 2 cores.
          name: "engine",
          include: ["tests/engine/**/*.test.ts", "tests/providers/**/*.test.ts"],
          env: { EBB_TEST_DB: "pglite" },
          testTimeout: 180_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      ...(postgresUrl
        ? [
            databaseProject("postgres"),
            {
              extends: true as const,
              test: {
                // Several real Ebb processes on one PostgreSQL: one file at a time, like the engine tests.
                name: "cluster",
                include: ["tests/cluster/**/*.test.ts"],
                env: { EBB_TEST_DB: "postgres" },
                testTimeout: 180_000,
                hookTimeout: 120_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
