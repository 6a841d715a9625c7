import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { LOCAL_INSTANCE_TYPES } from "@/lib/domain/instance-types";

export const ROLES = ["console", "gateway", "controller"] as const;
export type Role = (typeof ROLES)[number];

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
  // Where people reach this console (https://ebb.example.com): the origin of every endpoint URL shown
  // or returned. Unset, the request's own Host (or forwarded host behind trusted proxies) is used.
  EBB_PUBLIC_URL: z
    .url({ error: "must be a URL such as https://ebb.example.com" })
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), "must be an http:// or https:// URL")
    .transform((v) => new URL(v).origin)
    .optional(),
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
  // Notional prices of the local instance types, per replica-hour: "cpu-small=0.15,cpu-large=0.6". A
  // change applies from the next start on; the cost of earlier time keeps the earlier price.
  EBB_LOCAL_PRICES: z
    .string()
    .transform((value, ctx) => {
      const prices: Record<string, number> = {};
      for (const entry of value.split(",").map((e) => e.trim()).filter(Boolean)) {
        const [id, price] = entry.split("=").map((p) => p.trim());
        const known = LOCAL_INSTANCE_TYPES.some((t) => t.id === id);
        const amount = Number(price);
        if (!known || price === undefined || price === "" || !Number.isFinite(amount) || amount < 0) {
          ctx.addIssue({ code: "custom", message: `"${entry}" must be TYPE=PRICE with TYPE one of ${LOCAL_INSTANCE_TYPES.map((t) => t.id).join(", ")} and PRICE a number of dollars ≥ 0` });
          return z.NEVER;
        }
        prices[id!] = amount;
      }
      return prices;
    })
    .optional(),
  // Storage per hour of a local endpoint paused or scaled to zero.
  EBB_LOCAL_STORAGE_PRICE: z.coerce.number({ error: "must be a number" }).min(0, "must be 0 or more").optional(),
  // Behind reverse proxies you control: how many of them append to X-Forwarded-For (true = 1). The
  // client address is read that many entries from the right.
  EBB_TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})$/, "must be false, true (one proxy) or the number of trusted proxies")
    .default("false")
    .transform((v) => (v === "true" ? 1 : v === "false" ? 0 : Number(v))),
  // Sign-up: "invite" (default) lets only the first visitor create an account, others join by invitation;
  // "open" lets anyone create an organization.
  EBB_SIGNUP: z.enum(["invite", "open"], { error: "must be invite or open" }).default("invite"),
  // Accounts made per client address per hour, by sign-up and by accepting invitations.
  EBB_SIGNUP_LIMIT: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").default(10),
  // The operator's runtime catalog (default: ebb.config.json in the data folder, when present).
  EBB_RUNTIMES_FILE: z.string().min(1).optional(),
  // Where replicas get their working folders; outside Ebb's folder and its data folder.
  EBB_REPLICA_DIR: z.string().min(1).optional(),
  // The unprivileged user replicas run as when Ebb runs as root.
  EBB_REPLICA_USER: z.string().regex(/^[a-z_][a-z0-9_-]*\$?$/i, "must be a user name").default("nobody"),
  // Hosts the Hugging Face token may be sent to with an endpoint's requests: https, this domain or under it.
  EBB_HF_ENDPOINT_DOMAINS: z
    .string()
    .default("endpoints.huggingface.cloud")
    .transform((v) => v.split(",").map((d) => d.trim().toLowerCase()).filter(Boolean)),
  // When Ebb runs in a Kubernetes cluster: the namespace where organizations may run endpoints on that
  // cluster with Ebb's own service account (Settings → Providers → Kubernetes → "The cluster Ebb runs in").
  // Unset, organizations connect only clusters of their own.
  EBB_KUBERNETES_IN_CLUSTER_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a namespace: lowercase letters, digits and -, at most 63")
    .optional(),
  // Where the pod's service account is mounted (its token, CA and namespace files).
  EBB_KUBERNETES_SERVICE_ACCOUNT_DIR: z.string().min(1).default("/var/run/secrets/kubernetes.io/serviceaccount"),
  // On SIGTERM/SIGINT: how long requests in flight may take to finish, and whether replicas are stopped
  // (default) or left running for the next start to adopt.
  EBB_DRAIN_SECONDS: z.coerce.number({ error: "must be a number" }).min(0, "must be at least 0").max(3600, "must be at most 3600").default(30),
  EBB_STOP_REPLICAS_ON_EXIT: z.enum(["true", "false"], { error: "must be true or false" }).default("true").transform((v) => v === "true"),
  // Processes that serve the public port (endpoint traffic, and the console's passed on to it); 0 serves
  // everything from the one Ebb process. One per core by default, up to four.
  EBB_GATEWAY_PROCESSES: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(0, "must be at least 0")
    .max(64, "must be at most 64")
    .default(() => Math.min(4, os.availableParallelism())),
  // What this process does: "all", or a comma-separated choice of console (the web console and APIs),
  // gateway (endpoint traffic on /e/…) and controller (may lead: runs replicas, reconciles). Several
  // roles in several processes need DATABASE_URL: with PGlite one process does everything.
  EBB_ROLE: z
    .string()
    .default("all")
    .transform((v, ctx) => {
      const names = v === "all" ? [...ROLES] : v.split(",").map((r) => r.trim());
      const unknown = names.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (unknown.length > 0 || names.length === 0) {
        ctx.addIssue({ code: "custom", message: `must be "all" or a comma-separated list of ${ROLES.join(", ")}` });
        return z.NEVER;
      }
      return new Set(names as Role[]);
    }),
  // Per-organization quotas.
  EBB_QUOTA_ENDPOINTS: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").default(50),
  EBB_QUOTA_REPLICAS: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").default(100),
  EBB_QUOTA_BODY_BYTES: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1024, "must be at least 1024").default(10 * 1024 * 1024),
});

export type Env = z.infer<typeof envSchema>;

/** The names of every variable Ebb reads. */
export const ENV_NAMES: readonly string[] = Object.keys(envSchema.shape);

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set", as in most shells' `VAR= cmd` usage.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  if (!result.data.DATABASE_URL && result.data.EBB_ROLE.size < ROLES.length) {
    throw new EnvError("Invalid environment:\n  EBB_ROLE: roles other than all need DATABASE_URL (PGlite has one process, which does everything)");
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
