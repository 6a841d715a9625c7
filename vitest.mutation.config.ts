import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

// The unit tests alone, for mutation testing of the pure core (stryker.config.json).
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: "server-only", replacement: path.join(root, "node_modules/server-only/empty.js") },
    ],
  },
  test: { include: ["tests/unit/**/*.test.ts"] },
});
