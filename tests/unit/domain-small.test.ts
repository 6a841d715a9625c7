import { describe, expect, it } from "vitest";
import { changePasswordSchema, inviteMemberSchema, NAMESPACE_PATTERN, PASSWORD_MIN_LENGTH, signInSchema, signUpSchema, slugify, acceptInvitationSchema } from "@/lib/domain/account";
import { backoffMs } from "@/lib/domain/backoff";
import { endpointBudgetSchema, formatBudget, organizationBudgetSchema } from "@/lib/domain/budget";
import { availability } from "@/lib/domain/endpoint-actions";
import { findInstanceType, LOCAL_INSTANCE_TYPES } from "@/lib/domain/instance-types";
import { LATENCY_BUCKETS_MS, latencyBucket } from "@/lib/domain/latency";
import { estimateCost, formatUsd, HOURS_PER_MONTH, PRESETS } from "@/lib/domain/presets";
import { histogramPercentile, parseRange, RANGES, requireRange } from "@/lib/domain/ranges";
import { can, canAssignRole, hasRole, PERMISSIONS, ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, roleSchema } from "@/lib/domain/roles";
import { isTransitional, STATE_LABELS } from "@/lib/domain/states";
import { PROVIDER_TRAITS, PROVIDERS, replicasByEbb } from "@/lib/domain/providers";

describe("presets and the estimate", () => {
  it("are the six of the design, each with its range", () => {
    expect(PRESETS.map((p) => `${p.label} ${p.minReplicas}–${p.maxReplicas} ${p.autoscaling ? "auto" : "fixed"}`)).toEqual([
      "Cost-optimized 0–2 auto",
      "Performance 2–10 auto",
      "Fixed 4–4 fixed",
      "Development 0–1 auto",
      "Production 3–15 auto",
      "Batch 5–5 fixed",
    ]);
    for (const p of PRESETS) expect(p.description).toMatch(new RegExp(`^${p.minReplicas}–${p.maxReplicas}: `));
  });

  it("costs idle at Min (storage alone at zero) and at most at Max, over a 730-hour month", () => {
    expect(HOURS_PER_MONTH).toBe(730);
    expect(estimateCost(0.15, 0, 2)).toEqual({ idlePerHour: 0, peakPerHour: 0.3, monthLow: 0, monthHigh: 0.3 * 730 });
    expect(estimateCost(0.15, 0, 2, 0.015)).toEqual({ idlePerHour: 0.015, peakPerHour: 0.3, monthLow: 0.015 * 730, monthHigh: 0.3 * 730 });
    expect(estimateCost(0.15, 1, 2, 0.015).idlePerHour).toBe(0.15);
    expect(estimateCost(0.5, 2, 4)).toEqual({ idlePerHour: 1, peakPerHour: 2, monthLow: 730, monthHigh: 1460 });
    expect(estimateCost(1, -1, -2)).toEqual({ idlePerHour: 0, peakPerHour: 0, monthLow: 0, monthHigh: 0 });
  });

  it("shows dollars with cents, and a third decimal only for amounts under a dollar", () => {
    expect(formatUsd(1234.5)).toBe("$1,234.50");
    expect(formatUsd(0.15)).toBe("$0.15");
    expect(formatUsd(0.015)).toBe("$0.015");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(1.004)).toBe("$1.00");
    expect(formatBudget(0.0123)).toBe("$0.0123");
    expect(formatBudget(0)).toBe("$0.00");
    expect(formatBudget(12)).toBe("$12.00");
  });
});

describe("which lifecycle actions make sense", () => {
  const running = { desiredState: "running" as const, state: "running", minReplicas: 0 };

  it("pauses a running endpoint and resumes a paused one, and says why not otherwise", () => {
    expect(availability(running, "pause")).toEqual({ enabled: true });
    expect(availability({ ...running, desiredState: "paused" }, "pause")).toEqual({ enabled: false, reason: "The endpoint is already paused." });
    expect(availability({ ...running, desiredState: "paused" }, "resume")).toEqual({ enabled: true });
    expect(availability(running, "resume")).toEqual({ enabled: false, reason: "The endpoint is not paused." });
  });

  it("scales to zero only a running Min-0 endpoint that is not already at zero", () => {
    expect(availability(running, "scaleToZero")).toEqual({ enabled: true });
    expect(availability({ ...running, desiredState: "paused" }, "scaleToZero")).toEqual({ enabled: false, reason: "A paused endpoint runs no replicas; resume it first." });
    expect(availability({ ...running, minReplicas: 1 }, "scaleToZero")).toEqual({ enabled: false, reason: "Min Accels is above 0: set it to 0 to allow scaling to zero." });
    expect(availability({ ...running, state: "scaledToZero" }, "scaleToZero")).toEqual({ enabled: false, reason: "The endpoint is already scaled to zero." });
  });

  it("deletes anything not deleted, and offers nothing on a deleted endpoint", () => {
    expect(availability({ ...running, desiredState: "paused" }, "delete")).toEqual({ enabled: true });
    for (const action of ["pause", "resume", "scaleToZero", "delete"] as const) {
      expect(availability({ ...running, desiredState: "deleted" }, action)).toEqual({ enabled: false, reason: "The endpoint is deleted." });
    }
  });
});

describe("states", () => {
  it("have the UI's words", () => {
    expect(STATE_LABELS).toEqual({
      pending: "Pending",
      initializing: "Initializing",
      running: "Running",
      scaledToZero: "Scaled to zero",
      updating: "Updating",
      paused: "Paused",
      failed: "Failed",
      deleted: "Deleted",
    });
  });

  it("are transitional while starting, updating, or not yet where the user asked", () => {
    for (const state of ["pending", "initializing", "updating"]) expect(isTransitional(state, "running")).toBe(true);
    expect(isTransitional("running", "running")).toBe(false);
    expect(isTransitional("scaledToZero", "running")).toBe(false);
    expect(isTransitional("failed", "running")).toBe(false);
    expect(isTransitional("running", "paused")).toBe(true);
    expect(isTransitional("paused", "paused")).toBe(false);
    expect(isTransitional("paused", "running")).toBe(true);
  });
});

describe("chart ranges and percentiles", () => {
  it("reads minutes for 1 h and 24 h, hours for 7 d and 30 d, drawn in at most 168 buckets", () => {
    expect(RANGES).toEqual({
      "1h": { ms: 3_600_000, resolution: "1m", bucketMs: 60_000, label: "1 hour" },
      "24h": { ms: 86_400_000, resolution: "1m", bucketMs: 900_000, label: "24 hours" },
      "7d": { ms: 604_800_000, resolution: "1h", bucketMs: 3_600_000, label: "7 days" },
      "30d": { ms: 2_592_000_000, resolution: "1h", bucketMs: 21_600_000, label: "30 days" },
    });
    for (const range of Object.values(RANGES)) expect(range.ms / range.bucketMs).toBeLessThanOrEqual(168);
  });

  it("takes only listed ranges, never an inherited key", () => {
    expect(parseRange("7d")).toBe("7d");
    for (const bad of ["toString", "__proto__", "constructor", "", 7, null]) expect(parseRange(bad)).toBe("24h");
    expect(requireRange(null)).toBe("24h");
    expect(requireRange("")).toBe("24h");
    expect(requireRange("30d")).toBe("30d");
    expect(requireRange("valueOf")).toBeNull();
  });

  it("places a percentile at the first bucket reaching it, exactly at the boundary", () => {
    const bounds = [10, 20, 40];
    expect(histogramPercentile([0, 0, 0, 0], bounds, 0.5)).toBeNull();
    // Two of four requests under 10 ms: p50 is exactly reached in the first bucket.
    expect(histogramPercentile([2, 1, 1, 0], bounds, 0.5)).toBe(10);
    expect(histogramPercentile([1, 2, 1, 0], bounds, 0.5)).toBe(20);
    expect(histogramPercentile([19, 0, 1, 0], bounds, 0.95)).toBe(10);
    expect(histogramPercentile([18, 0, 2, 0], bounds, 0.95)).toBe(40);
    // Past the last bound: twice the last bound.
    expect(histogramPercentile([0, 0, 0, 3], bounds, 0.5)).toBe(80);
    expect(histogramPercentile([0, 0, 0], bounds, 0.5)).toBeNull();
  });

  it("buckets latencies by their upper bound, the last bucket above every bound", () => {
    expect(LATENCY_BUCKETS_MS[0]).toBe(5);
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(5)).toBe(0);
    expect(latencyBucket(5.1)).toBe(1);
    expect(latencyBucket(120_000)).toBe(LATENCY_BUCKETS_MS.length - 1);
    expect(latencyBucket(120_001)).toBe(LATENCY_BUCKETS_MS.length);
  });
});

describe("roles", () => {
  it("rank owner > admin > member > viewer, with labels and descriptions", () => {
    expect(ROLES).toEqual(["owner", "admin", "member", "viewer"]);
    expect(hasRole("viewer", "viewer")).toBe(true);
    expect(hasRole("viewer", "member")).toBe(false);
    expect(hasRole("member", "member")).toBe(true);
    expect(hasRole("admin", "owner")).toBe(false);
    expect(hasRole("owner", "admin")).toBe(true);
    expect(ROLE_LABELS).toEqual({ owner: "Owner", admin: "Admin", member: "Member", viewer: "Viewer" });
    expect(Object.keys(ROLE_DESCRIPTIONS)).toEqual(["owner", "admin", "member", "viewer"]);
    expect(roleSchema.safeParse("superuser").error?.issues[0]?.message).toBe("Choose owner, admin, member or viewer.");
  });

  it("give each permission to its role and above", () => {
    expect(PERMISSIONS).toEqual({ "members.view": "member", "endpoints.view": "viewer", "endpoints.operate": "member", "endpoints.manage": "admin", "members.manage": "admin" });
    expect(can("viewer", "endpoints.view")).toBe(true);
    expect(can("viewer", "endpoints.operate")).toBe(false);
    expect(can("member", "endpoints.operate")).toBe(true);
    expect(can("member", "endpoints.manage")).toBe(false);
    expect(can("admin", "endpoints.manage")).toBe(true);
    expect(canAssignRole("owner", "admin")).toBe(true);
    expect(canAssignRole("viewer", "viewer")).toBe(false);
  });
});

describe("instance types", () => {
  it("are the three local ones, found by id", () => {
    expect(LOCAL_INSTANCE_TYPES.map((t) => [t.id, t.vcpus, t.memoryGb, t.pricePerHour])).toEqual([
      ["cpu-small", 2, 4, 0.15],
      ["cpu-medium", 4, 8, 0.3],
      ["cpu-large", 8, 16, 0.6],
    ]);
    expect(findInstanceType("cpu-medium")?.label).toBe("CPU · 4 vCPU · 8 GB");
    expect(findInstanceType("gpu")).toBeUndefined();
  });
});

describe("back-off", () => {
  it("doubles from the base up to the maximum, with jitter when asked", () => {
    const opts = { baseMs: 500, maxMs: 4000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, opts))).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    expect(backoffMs(0, opts)).toBe(500);
    expect(backoffMs(3, { ...opts, random: () => 0.5 })).toBe(1000);
    expect(backoffMs(3, { ...opts, random: () => 0 })).toBe(0);
  });
});

describe("budgets", () => {
  it("are dollars from 0 to ten million, or none", () => {
    expect(organizationBudgetSchema.parse({ monthlyBudget: null })).toEqual({ monthlyBudget: null });
    expect(endpointBudgetSchema.parse({ monthlyBudget: 5 })).toEqual({ monthlyBudget: 5, pauseAtBudget: false });
    expect(organizationBudgetSchema.safeParse({ monthlyBudget: -1 }).error?.issues[0]?.message).toBe("A budget cannot be negative.");
    expect(organizationBudgetSchema.safeParse({ monthlyBudget: 10_000_001 }).error?.issues[0]?.message).toBe("Enter at most $10,000,000.");
    expect(organizationBudgetSchema.safeParse({ monthlyBudget: 10_000_000 }).success).toBe(true);
    expect(organizationBudgetSchema.safeParse({ monthlyBudget: "5" }).error?.issues[0]?.message).toBe("Enter an amount in dollars.");
  });
});

describe("account input", () => {
  const messages = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
    Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

  it("normalizes email and checks each sign-up field", () => {
    expect(signUpSchema.parse({ name: " Ada ", email: " ADA@Example.COM ", password: "x".repeat(PASSWORD_MIN_LENGTH), organization: " Acme " })).toEqual({
      name: "Ada",
      email: "ada@example.com",
      password: "x".repeat(10),
      organization: "Acme",
    });
    expect(messages(signUpSchema.safeParse({ name: "", email: "nope", password: "x".repeat(9), organization: "!!" }))).toEqual({
      name: "Enter a name.",
      email: "Enter a valid email address, like name@example.com.",
      password: "Use at least 10 characters.",
      organization: "Include at least one letter or digit.",
    });
    expect(messages(signUpSchema.safeParse({ name: "x".repeat(101), email: `${"a".repeat(250)}@x.io`, password: "x".repeat(201), organization: "a" }))).toEqual({
      name: "Use at most 100 characters.",
      email: "Email is too long.",
      password: "Use at most 200 characters.",
      organization: "Use at least 2 characters.",
    });
    expect(messages(signUpSchema.safeParse({ name: 1, email: 2, password: 3, organization: 4 }))).toEqual({
      name: "Enter a name.",
      email: "Enter an email address.",
      password: "Enter a password.",
      organization: "Enter an organization name.",
    });
    expect(messages(signUpSchema.safeParse({ name: "a", email: "a@b.co", password: "x".repeat(10), organization: "x".repeat(65) }))).toEqual({ organization: "Use at most 64 characters." });
  });

  it("checks sign-in, invitation and password-change input", () => {
    expect(messages(signInSchema.safeParse({ email: "a@b.co", password: "" }))).toEqual({ password: "Enter your password." });
    expect(messages(signInSchema.safeParse({ email: "a@b.co", password: 5 }))).toEqual({ password: "Enter your password." });
    expect(inviteMemberSchema.parse({ email: "A@B.co", role: "viewer" })).toEqual({ email: "a@b.co", role: "viewer" });
    expect(messages(acceptInvitationSchema.safeParse({ name: " ", password: "short" }))).toEqual({ name: "Enter a name.", password: "Use at least 10 characters." });
    expect(messages(changePasswordSchema.safeParse({ currentPassword: "", newPassword: "long enough pw" }))).toEqual({ currentPassword: "Enter your current password." });
    expect(messages(changePasswordSchema.safeParse({ currentPassword: "same password", newPassword: "same password" }))).toEqual({ newPassword: "Choose a password different from the current one." });
  });

  it("makes namespaces that the gateway's pattern accepts", () => {
    expect(slugify("Ünïcode — Team 42")).toBe("unicode-team-42");
    expect(slugify("a".repeat(60))).toHaveLength(40);
    expect(slugify(`${"a".repeat(39)}-b`)).toBe("a".repeat(39));
    for (const name of ["Acme AI Lab", "x", "a".repeat(60)]) expect(NAMESPACE_PATTERN.test(`${slugify(name)}-2`)).toBe(true);
    expect(NAMESPACE_PATTERN.test("-a")).toBe(false);
    expect(NAMESPACE_PATTERN.test("A")).toBe(false);
  });
});

describe("providers", () => {
  it("say whose replicas Ebb runs, and treat a name they do not know as someone else's", () => {
    expect(PROVIDERS).toEqual(["local", "huggingface", "kubernetes"]);
    expect(PROVIDER_TRAITS).toEqual({
      local: { label: "Local (replicas on this machine)", replicasByEbb: true },
      huggingface: { label: "Hugging Face Inference Endpoints", replicasByEbb: false },
      kubernetes: { label: "Kubernetes (your cluster)", replicasByEbb: true, runtimesNeedImage: true, typesPerOrganization: true, replicasArePods: true },
    });
    expect(replicasByEbb("local")).toBe(true);
    expect(replicasByEbb("huggingface")).toBe(false);
    expect(replicasByEbb("toString")).toBe(false);
    expect(replicasByEbb("kubernetes")).toBe(true);
    expect(replicasByEbb("nomad")).toBe(false);
  });

  it("list the local instance types with their labels and accelerators", () => {
    expect(LOCAL_INSTANCE_TYPES.map((t) => `${t.id}: ${t.label} (${t.provider}, ${t.accelerator})`)).toEqual([
      "cpu-small: CPU · 2 vCPU · 4 GB (local, cpu)",
      "cpu-medium: CPU · 4 vCPU · 8 GB (local, cpu)",
      "cpu-large: CPU · 8 vCPU · 16 GB (local, cpu)",
    ]);
  });

  it("take a budget with its pause switch, and refuse what is not a switch", () => {
    expect(endpointBudgetSchema.parse({ monthlyBudget: 5, pauseAtBudget: true })).toEqual({ monthlyBudget: 5, pauseAtBudget: true });
    expect(endpointBudgetSchema.safeParse({ monthlyBudget: 5, pauseAtBudget: "yes" }).success).toBe(false);
    expect(endpointBudgetSchema.safeParse({ monthlyBudget: 0 }).success).toBe(true);
    expect(formatBudget(1234.5)).toBe("$1,234.50");
    expect(formatBudget(1)).toBe("$1.00");
  });
});
