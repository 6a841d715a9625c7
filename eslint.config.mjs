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
    // The browser bundle must never pull in the database layer (tests/unit/folder-cycles.test.ts also walks
    // every "use client" file's imports, whatever its name).
    files: [
      "components/**/*.{ts,tsx}",
      "app/**/client.tsx",
      "app/**/*-form.tsx",
      "app/**/form.tsx",
      "app/**/*-forms.tsx",
      "app/**/*-card.tsx",
      "app/**/*-log.tsx",
      "app/**/*-button.tsx",
      "app/**/list.tsx",
      "app/**/charts.tsx",
      "app/**/error.tsx",
    ],
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
