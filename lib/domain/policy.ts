import { z } from "zod";

/** How many replicas an organization may run per endpoint unless its quota says otherwise. */
export const DEFAULT_REPLICA_QUOTA = 20;
export const DEFAULT_SCALE_TO_ZERO_MINUTES = 15;
export const DEFAULT_TARGET_CONCURRENCY = 4;

/** The scaling policy as the engine uses it: seconds, replicas, requests in flight per replica. */
export interface ScalingPolicy {
  autoscaling: boolean;
  minReplicas: number;
  maxReplicas: number;
  /** The scale-to-zero timeout; with Auto, the one used until enough idle gaps are known. */
  scaleToZeroSeconds: number;
  targetConcurrency: number;
  /** Auto scale-to-zero: the timeout learned from the endpoint's idle gaps (lib/domain/auto-timeout). */
  scaleToZeroAuto?: boolean;
  /** What a cold start is worth in minutes of replica time, for Auto; null: from the measured start. */
  coldStartWorthMinutes?: number | null;
}

const count = (field: string) =>
  z
    .number({ error: `${field} must be a number.` })
    .int(`${field} must be a whole number.`)
    .min(0, `${field} cannot be negative.`);

/**
 * The one policy schema for the form, server actions, REST API, CLI and Hugging Face–compatible API
 * (DESIGN §3). Autoscaling off means a fixed count, stored as min = max.
 */
export function policySchema(quota = DEFAULT_REPLICA_QUOTA) {
  return z
    .object({
      autoscaling: z.boolean().default(true),
      minReplicas: count("Min Accels"),
      maxReplicas: count("Max Accels").min(1, "Max Accels must be at least 1."),
      scaleToZeroMinutes: z
        .number({ error: "Scale to zero after must be a number of minutes." })
        .int("Scale to zero after must be a whole number of minutes.")
        .min(1, "Scale to zero after must be at least 1 minute.")
        .max(7 * 24 * 60, "Scale to zero after can be at most 7 days.")
        .default(DEFAULT_SCALE_TO_ZERO_MINUTES),
      targetConcurrency: z
        .number({ error: "Target concurrency must be a number." })
        .int("Target concurrency must be a whole number.")
        .min(1, "Target concurrency must be at least 1.")
        .max(1000, "Target concurrency can be at most 1000.")
        .default(DEFAULT_TARGET_CONCURRENCY),
      scaleToZeroAuto: z.boolean({ error: "Auto scale-to-zero must be true or false." }).default(false),
      coldStartWorthMinutes: z
        .number({ error: "A cold start's worth must be a number of minutes." })
        .int("A cold start's worth must be a whole number of minutes.")
        .min(1, "A cold start's worth must be at least 1 minute.")
        .max(24 * 60, "A cold start's worth can be at most 1440 minutes.")
        .nullable()
        .default(null),
    })
    .superRefine((policy, ctx) => {
      if (policy.minReplicas > policy.maxReplicas) {
        ctx.addIssue({
          code: "custom",
          path: ["minReplicas"],
          message: `Min Accels (${policy.minReplicas}) cannot be above Max Accels (${policy.maxReplicas}).`,
        });
      }
      if (policy.maxReplicas > quota) {
        ctx.addIssue({
          code: "custom",
          path: ["maxReplicas"],
          message: `Max Accels can be at most ${quota}, your organization's replica quota.`,
        });
      }
    });
}

export type PolicyInput = z.input<ReturnType<typeof policySchema>>;

export function toScalingPolicy(input: z.output<ReturnType<typeof policySchema>>): ScalingPolicy {
  return {
    autoscaling: input.autoscaling,
    minReplicas: input.autoscaling ? input.minReplicas : input.maxReplicas,
    maxReplicas: input.maxReplicas,
    scaleToZeroSeconds: input.scaleToZeroMinutes * 60,
    targetConcurrency: input.targetConcurrency,
    scaleToZeroAuto: input.autoscaling && input.scaleToZeroAuto,
    coldStartWorthMinutes: input.coldStartWorthMinutes,
  };
}

/** The policy of a stored endpoint. */
export function policyOfRow(row: ScalingPolicy): ScalingPolicy {
  return {
    autoscaling: row.autoscaling,
    minReplicas: row.minReplicas,
    maxReplicas: row.maxReplicas,
    scaleToZeroSeconds: row.scaleToZeroSeconds,
    targetConcurrency: row.targetConcurrency,
    scaleToZeroAuto: row.scaleToZeroAuto ?? false,
    coldStartWorthMinutes: row.coldStartWorthMinutes ?? null,
  };
}
