import { sql } from "drizzle-orm";
import type { ClusterInstanceType } from "../domain/instance-types";
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["owner", "admin", "member", "viewer"]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    // The namespace in endpoint URLs (/e/{slug}/{endpoint}) and in the Hugging Face–compatible API.
    slug: text("slug").notNull(),
    // Monthly budget in dollars; a banner and an event when the month's projection crosses it.
    monthlyBudget: doublePrecision("monthly_budget"),
    // The month ("2026-11") whose crossing was already announced, so it is announced once.
    budgetAlertedMonth: text("budget_alerted_month"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("organizations_slug_key").on(t.slug)],
);
export type Organization = typeof organizations.$inferSelect;

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Stored lower-cased so sign-in and uniqueness ignore case.
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);
export type User = typeof users.$inferSelect;

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("memberships_org_user_key").on(t.organizationId, t.userId),
    index("memberships_user_idx").on(t.userId),
  ],
);
export type Membership = typeof memberships.$inferSelect;

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    // The user who created it; the token acts with that user's role in the organization.
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // SHA-256 of the secret: the token itself is shown once and never stored.
    tokenHash: text("token_hash").notNull(),
    // The first characters, so a person can tell tokens apart in a list.
    prefix: text("prefix").notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_key").on(t.tokenHash),
    index("api_tokens_org_idx").on(t.organizationId),
  ],
);
export type ApiToken = typeof apiTokens.$inferSelect;

/**
 * A signed-in browser. The session cookie carries this id; a request whose session row is gone is not
 * signed in, so signing out (or changing the password, which ends the others) stops a copied cookie at once.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);
export type Session = typeof sessions.$inferSelect;

/** A one-time link that lets a person set their own password and join an organization with a role. */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: roleEnum("role").notNull(),
    // SHA-256 of the link's secret: the link is shown once to whoever invited.
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("invitations_token_key").on(t.tokenHash), index("invitations_org_idx").on(t.organizationId)],
);
export type Invitation = typeof invitations.$inferSelect;

/** Failed sign-ins, one row each, keyed by account ("email:…") and by client address ("ip:…"). */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("login_failures_key_time_idx").on(t.key, t.createdAt)],
);


/** A Hugging Face endpoint's place at the provider: the compute from its catalog and its name there. */
export interface ProviderSpec {
  name: string;
  vendor: string;
  region: string;
  accelerator: string;
  instanceType: string;
  instanceSize: string;
}

/** What the provider has accepted: created, the scaling pushed, paused or not, the last scale to zero. */
export interface ProviderSynced {
  created?: boolean;
  scaling?: { minReplica: number; maxReplica: number; scaleToZeroTimeout: number | null };
  paused?: boolean;
  scaleToZeroAt?: string | null;
  deleted?: boolean;
}

/** Hugging Face Inference Endpoints' state names (DESIGN §2). */
export const endpointStateEnum = pgEnum("endpoint_state", [
  "pending",
  "initializing",
  "running",
  "scaledToZero",
  "updating",
  "paused",
  "failed",
  "deleted",
]);

export const endpoints = pgTable(
  "endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    model: text("model").notNull(),
    provider: text("provider").notNull(),
    instanceType: text("instance_type").notNull(),
    region: text("region"),
    // The policy (lib/domain/policy). Autoscaling off is stored as min = max.
    autoscaling: boolean("autoscaling").notNull().default(true),
    minReplicas: integer("min_replicas").notNull(),
    maxReplicas: integer("max_replicas").notNull(),
    scaleToZeroSeconds: integer("scale_to_zero_seconds").notNull().default(900),
    targetConcurrency: integer("target_concurrency").notNull().default(4),
    // Auto scale-to-zero: the timeout is learned from the idle gaps (lib/domain/auto-timeout);
    // scale_to_zero_seconds holds until enough are known. The worth of a cold start, in minutes of
    // replica time, is the user's (null: from the measured start); the learned timeout is the controller's.
    scaleToZeroAuto: boolean("scale_to_zero_auto").notNull().default(false),
    coldStartWorthMinutes: integer("cold_start_worth_minutes"),
    scaleToZeroLearnedSeconds: integer("scale_to_zero_learned_seconds"),
    // What the user asked for, kept apart from what the provider reports.
    desiredState: text("desired_state", { enum: ["running", "paused", "deleted"] }).notNull().default("running"),
    state: endpointStateEnum("state").notNull().default("pending"),
    stateMessage: text("state_message"),
    // Hugging Face: where it runs there (the compute chosen from the provider's catalog, and the name).
    providerSpec: jsonb("provider_spec").$type<ProviderSpec>(),
    // What the provider last accepted from Ebb, so the controller pushes each change once.
    providerSynced: jsonb("provider_synced").$type<ProviderSynced>().notNull().default({}),
    // The provider's own URL of the endpoint, which Ebb's gateway URL forwards to.
    providerUrl: text("provider_url"),
    // Local provider: how replicas are run (built-in model server options or a custom command).
    runtime: jsonb("runtime").$type<Record<string, unknown>>().notNull().default({}),
    // Requests through the gateway need an API token of the organization.
    protected: boolean("protected").notNull().default(false),
    // When it should run (lib/domain/schedule); null for always. The controller applies it at each
    // change of window, so a manual pause or resume in between holds until the next one.
    schedule: jsonb("schedule").$type<{ timezone: string; days: number[]; start: string; end: string }>(),
    scheduleApplied: text("schedule_applied", { enum: ["running", "paused"] }),
    // Free labels for grouping ("nightly", "team-a"): bulk pause and resume act on a tag.
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    // Created or last resumed at this time: a Min-0 endpoint runs until idle for its timeout from here.
    activeSince: timestamp("active_since", { withTimezone: true }).notNull().defaultNow(),
    // "Scale to zero" asked at this time: idle now, until the next request arrives.
    scaleToZeroRequestedAt: timestamp("scale_to_zero_requested_at", { withTimezone: true }),
    targetReplicas: integer("target_replicas").notNull().default(0),
    readyReplicas: integer("ready_replicas").notNull().default(0),
    monthlyBudget: doublePrecision("monthly_budget"),
    // Pause the endpoint once its month-to-date cost reaches its budget.
    pauseAtBudget: boolean("pause_at_budget").notNull().default(false),
    budgetAlertedMonth: text("budget_alerted_month"),
    // Minutes before this time are rolled up into endpoint_metrics.
    metricsThrough: timestamp("metrics_through", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    // Names are unique among the organization's endpoints that are not deleted.
    uniqueIndex("endpoints_org_name_key").on(t.organizationId, t.name).where(sql`${t.deletedAt} is null`),
    index("endpoints_org_idx").on(t.organizationId),
  ],
);
export type EndpointRow = typeof endpoints.$inferSelect;

/** The lifecycle log: every state change, policy change and scaling decision, with who or what and why. */
export const endpointEvents = pgTable(
  "endpoint_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    // "user" (actorId set), "autoscaler", "controller", "provider", "gateway"
    actorType: text("actor_type").notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    kind: text("kind").notNull(),
    message: text("message").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [index("endpoint_events_endpoint_at_idx").on(t.endpointId, t.at)],
);
export type EndpointEvent = typeof endpointEvents.$inferSelect;

/** Replica processes of the local provider, so a restarted controller can adopt or clean them up. */
export const replicas = pgTable(
  "replicas",
  {
    id: uuid("id").primaryKey(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    pid: integer("pid"),
    port: integer("port"),
    status: text("status", { enum: ["starting", "ready", "draining", "stopped"] }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    readyAt: timestamp("ready_at", { withTimezone: true }),
    stoppedAt: timestamp("stopped_at", { withTimezone: true }),
  },
  (t) => [index("replicas_endpoint_status_idx").on(t.endpointId, t.status)],
);

/** The last lines each replica wrote to stdout and stderr, a bounded number per replica. */
export const replicaLogs = pgTable(
  "replica_logs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    replicaId: uuid("replica_id").notNull(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    stream: text("stream", { enum: ["stdout", "stderr"] }).notNull(),
    line: text("line").notNull(),
  },
  (t) => [index("replica_logs_endpoint_at_idx").on(t.endpointId, t.at), index("replica_logs_replica_idx").on(t.replicaId, t.id)],
);
export type ReplicaLogRow = typeof replicaLogs.$inferSelect;

/** Replica count over time (ready and target), one row per sample. */
export const replicaSamples = pgTable(
  "replica_samples",
  {
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    ready: integer("ready").notNull(),
    target: integer("target").notNull(),
  },
  (t) => [primaryKey({ columns: [t.endpointId, t.at] })],
);

/** What each local replica's processes used: CPU time over the interval before `at`, resident memory at `at`. */
export const replicaUsage = pgTable(
  "replica_usage",
  {
    replicaId: uuid("replica_id").notNull(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    cpuSeconds: doublePrecision("cpu_seconds").notNull(),
    intervalSeconds: doublePrecision("interval_seconds").notNull(),
    rssBytes: doublePrecision("rss_bytes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.replicaId, t.at] }), index("replica_usage_endpoint_at_idx").on(t.endpointId, t.at)],
);
export type ReplicaUsageRow = typeof replicaUsage.$inferSelect;

/** One row per cold start: from the decision to start a replica at zero to its first ready answer. */
export const coldStarts = pgTable(
  "cold_starts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    readyAt: timestamp("ready_at", { withTimezone: true }).notNull(),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [index("cold_starts_endpoint_at_idx").on(t.endpointId, t.startedAt)],
);

/** Gateway traffic per endpoint and flush interval: counts by status class and latency. */
export const requestStats = pgTable(
  "request_stats",
  {
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    requests: integer("requests").notNull(),
    status2xx: integer("status_2xx").notNull(),
    status4xx: integer("status_4xx").notNull(),
    status5xx: integer("status_5xx").notNull(),
    latencyMsSum: doublePrecision("latency_ms_sum").notNull(),
    latencyMsMax: doublePrecision("latency_ms_max").notNull(),
    // Counts per latency bucket (lib/domain/latency LATENCY_BUCKETS_MS), for exact percentiles at bucket resolution.
    latencyHistogram: integer("latency_histogram").array().notNull().default(sql`'{}'::integer[]`),
  },
  (t) => [primaryKey({ columns: [t.endpointId, t.at] })],
);

/**
 * What each endpoint received, for replaying its traffic under other policies: one row per endpoint and
 * second of arrival. The first requests of a second are listed one by one (offset in the second, time at
 * the replica, time held for a cold start, status); past `REQUESTS_LISTED_PER_SECOND` (lib/domain/request-log)
 * they are only counted, with a histogram of their time at the replica, so a busy second stays one short row.
 */
export const requestLog = pgTable(
  "request_log",
  {
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    second: timestamp("second", { withTimezone: true }).notNull(),
    offsetsMs: smallint("offsets_ms").array().notNull(),
    serviceMs: integer("service_ms").array().notNull(),
    heldMs: integer("held_ms").array().notNull(),
    statuses: smallint("statuses").array().notNull(),
    unlisted: integer("unlisted").notNull().default(0),
    unlistedHeld: integer("unlisted_held").notNull().default(0),
    // Counts per bucket of lib/domain/latency LATENCY_BUCKETS_MS.
    unlistedServiceHistogram: integer("unlisted_service_histogram").array().notNull().default(sql`'{}'::integer[]`),
  },
  (t) => [primaryKey({ columns: [t.endpointId, t.second] })],
);
export type RequestLogRow = typeof requestLog.$inferSelect;

/**
 * Prices per instance type, versioned: a new price starts at `effectiveFrom` and never rewrites the
 * cost of the time before it.
 */
export const instancePrices = pgTable(
  "instance_prices",
  {
    instanceType: text("instance_type").notNull(),
    effectiveFrom: timestamp("effective_from", { withTimezone: true }).notNull(),
    pricePerHour: doublePrecision("price_per_hour").notNull(),
    // While paused or scaled to zero: the model's storage only.
    storagePricePerHour: doublePrecision("storage_price_per_hour").notNull(),
  },
  (t) => [primaryKey({ columns: [t.instanceType, t.effectiveFrom] })],
);

/**
 * Per-endpoint time series in wide rows at two resolutions, "1m" and "1h". Counters (replica-seconds,
 * cost, requests, cold starts) are per-bucket sums, so an hour is exactly the sum of its minutes.
 */
export const endpointMetrics = pgTable(
  "endpoint_metrics",
  {
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => endpoints.id, { onDelete: "cascade" }),
    resolution: text("resolution", { enum: ["1m", "1h"] }).notNull(),
    bucket: timestamp("bucket", { withTimezone: true }).notNull(),
    readySeconds: doublePrecision("ready_seconds").notNull().default(0),
    billedSeconds: doublePrecision("billed_seconds").notNull().default(0),
    storageSeconds: doublePrecision("storage_seconds").notNull().default(0),
    maxReady: integer("max_ready").notNull().default(0),
    maxTarget: integer("max_target").notNull().default(0),
    computeCost: doublePrecision("compute_cost").notNull().default(0),
    storageCost: doublePrecision("storage_cost").notNull().default(0),
    requests: integer("requests").notNull().default(0),
    status2xx: integer("status_2xx").notNull().default(0),
    status4xx: integer("status_4xx").notNull().default(0),
    status5xx: integer("status_5xx").notNull().default(0),
    latencyMsSum: doublePrecision("latency_ms_sum").notNull().default(0),
    latencyMsMax: doublePrecision("latency_ms_max").notNull().default(0),
    latencyHistogram: integer("latency_histogram").array().notNull().default(sql`'{}'::integer[]`),
    coldStarts: integer("cold_starts").notNull().default(0),
    coldStartMsSum: doublePrecision("cold_start_ms_sum").notNull().default(0),
    coldStartMsMax: doublePrecision("cold_start_ms_max").notNull().default(0),
    // Replica usage: CPU seconds used, replica-seconds sampled (so CPU per replica is their ratio), and
    // the most resident memory one replica held.
    cpuSeconds: doublePrecision("cpu_seconds").notNull().default(0),
    usageSeconds: doublePrecision("usage_seconds").notNull().default(0),
    memoryBytesMax: doublePrecision("memory_bytes_max").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.endpointId, t.resolution, t.bucket] }), index("endpoint_metrics_resolution_bucket_idx").on(t.resolution, t.bucket)],
);
export type EndpointMetricsRow = typeof endpointMetrics.$inferSelect;

/** An organization's account with a provider (Hugging Face, a Kubernetes cluster): its namespace and encrypted token. */
export const providerConnections = pgTable(
  "provider_connections",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    namespace: text("namespace").notNull(),
    // AES-256-GCM (lib/crypto/secrets): never the token itself, never sent to the browser.
    tokenEncrypted: text("token_encrypted").notNull(),
    tokenLast4: text("token_last4").notNull(),
    // Kubernetes: the API server's URL and its CA (base64 PEM, absent: the system's); namespace above.
    apiUrl: text("api_url"),
    caData: text("ca_data"),
    // Kubernetes: the cluster Ebb runs in, through its own service account (no token stored).
    inCluster: boolean("in_cluster").notNull().default(false),
    // Kubernetes: the organization's instance types with their prices; null until it lists its own.
    instanceTypes: jsonb("instance_types").$type<ClusterInstanceType[]>(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.provider] })],
);
