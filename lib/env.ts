import path from "node:path";
import { z } from "zod";

/**
 * Every environment variable Ebb reads, validated in one place so a bad value stops the process at
 * start with a message naming the variable, instead of failing later in some request.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  // Folder for the embedded PGlite database and generated secrets.
  EBB_DATA_DIR: z.string().min(1).default(".data"),
  // When set, the same code runs on PostgreSQL instead of the embedded PGlite database.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, "must be a postgres:// or postgresql:// connection URL")
    .optional(),
  // Signs session cookies. Generated once into the data folder when not given.
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  // Encrypts provider tokens at rest. Generated once into the data folder when not given.
  EBB_SECRET_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  // The Hugging Face APIs; tests point them at a local server implementing the same contract.
  EBB_HF_API_URL: z.url({ error: "must be a URL" }).default("https://api.endpoints.huggingface.cloud/v2"),
  EBB_HF_HUB_URL: z.url({ error: "must be a URL" }).default("https://huggingface.co"),
  // Only behind a reverse proxy you control: take the client address from X-Forwarded-For.
  EBB_TRUST_PROXY: z
    .enum(["true", "false", "1", "0"], { error: "must be true or false" })
    .default("false")
    .transform((v) => v === "true" || v === "1"),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set", as in most shells' `VAR= cmd` usage.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function dataDir(): string {
  return path.resolve(env().EBB_DATA_DIR);
}
