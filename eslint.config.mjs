import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      // A delete or update without a where clause empties or rewrites a whole table.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The browser bundle must never pull in the database layer.
    files: ["components/**/*.tsx", "app/**/client.tsx", "app/**/*-form.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/db", "@/lib/db/*", "@/lib/services/*"], message: "Client components reach data through server actions or the API." }] },
      ],
    },
  },
  {
    // Playwright fixtures call a `use` callback that is not React's.
    files: ["tests/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  { ignores: [".next/", "node_modules/", ".data/", ".data-*/", "test-results/", "playwright-report/", "next-env.d.ts"] },
];
export default config;
