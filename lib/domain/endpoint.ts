import { z } from "zod";
import { findInstanceType } from "./instance-types";
import { policySchema } from "./policy";

export const tagsSchema = z
  .array(z.string().trim().regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, "Tags use lowercase letters, digits, '.', '_' and '-', up to 40 characters."))
  .max(20, "At most 20 tags.")
  .transform((tags) => [...new Set(tags)].sort());

export const PROVIDERS = ["local", "huggingface"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export const ENDPOINT_NAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/;

const runtimeSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("builtin"),
    loadSeconds: z.number().min(0).max(600).optional(),
    tokensPerSecond: z.number().min(0).max(10_000).optional(),
  }),
  z.object({
    kind: z.literal("command"),
    command: z.string().trim().min(1, "Enter the command that serves the model."),
    healthPath: z.string().startsWith("/", "The health path starts with /.").optional(),
  }),
]);

/** A new endpoint: where it runs, what it serves, and its scaling policy (DESIGN §3). */
export function createEndpointSchema(quota?: number) {
  return z
    .object({
      name: z
        .string({ error: "Enter a name." })
        .trim()
        .regex(ENDPOINT_NAME_PATTERN, "Use 1–32 lowercase letters, digits and hyphens, starting and ending with a letter or digit."),
      model: z
        .string({ error: "Enter a model repository, like org/model." })
        .trim()
        .regex(/^[\w.-]+\/[\w.-]+$/, "Enter a model repository, like org/model."),
      provider: z.enum(PROVIDERS, { error: "Choose a provider: local or huggingface." }).default("local"),
      // Hugging Face's instance types come from its catalog, checked by the service against it.
      instanceType: z.string({ error: "Choose an instance type." }).trim().min(1, "Choose an instance type."),
      protected: z.boolean().default(false),
      tags: tagsSchema.default([]),
      runtime: runtimeSchema.default({ kind: "builtin" }),
    })
    .refine((e) => e.provider !== "local" || !!findInstanceType(e.instanceType), {
      path: ["instanceType"],
      message: "Choose one of the listed instance types.",
    })
    .and(policySchema(quota));
}

export type CreateEndpointInput = z.input<ReturnType<typeof createEndpointSchema>>;
