import { z } from "zod";
import { PROVIDERS } from "./providers";
import { policySchema } from "./policy";
import { BUILTIN_RUNTIME, RUNTIME_NAME_PATTERN } from "@/lib/domain/runtime";

export const tagSchema = z.string().trim().regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, "Tags use lowercase letters, digits, '.', '_' and '-', up to 40 characters.");

export const tagsSchema = z
  .array(tagSchema)
  .max(20, "At most 20 tags.")
  .transform((tags) => [...new Set(tags)].sort());


export const ENDPOINT_NAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/;

/** The keys a tenant may send in `runtime`; anything else (a command above all) is refused by name. */
const RUNTIME_KEYS = new Set(["name", "loadSeconds", "tokensPerSecond"]);

/**
 * A runtime of the operator's catalog, chosen by name (checked against the catalog by the service). The
 * built-in model server also takes the load time and decode speed it should emulate.
 */
export const runtimeChoiceSchema = z
  .object({}, { error: 'runtime must be an object like {"name": "builtin"}.' })
  .catchall(z.unknown())
  .superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (RUNTIME_KEYS.has(key)) continue;
      const message = ["command", "args", "healthPath", "env", "image"].includes(key)
        ? "Runtimes come from the operator's catalog: choose one by name; a command cannot be given."
        : `Unknown field; a runtime has only ${[...RUNTIME_KEYS].join(", ")}.`;
      ctx.addIssue({ code: "custom", path: [key], message });
    }
  })
  .pipe(
    z.object({
      name: z
        .string({ error: "Choose a runtime by name." })
        .trim()
        .regex(RUNTIME_NAME_PATTERN, "Choose one of the listed runtimes.")
        .default(BUILTIN_RUNTIME),
      loadSeconds: z.number({ error: "loadSeconds must be a number." }).min(0).max(600).optional(),
      tokensPerSecond: z.number({ error: "tokensPerSecond must be a number." }).min(0).max(10_000).optional(),
    }),
  )
  .refine((r) => r.name === BUILTIN_RUNTIME || (r.loadSeconds === undefined && r.tokensPerSecond === undefined), {
    path: ["loadSeconds"],
    message: "loadSeconds and tokensPerSecond apply to the built-in runtime only.",
  });

export type RuntimeChoice = z.output<typeof runtimeChoiceSchema>;

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
        .max(200, "A model repository has at most 200 characters.")
        .regex(/^[\w.-]+\/[\w.-]+$/, "Enter a model repository, like org/model."),
      provider: z.enum(PROVIDERS, { error: "Choose a provider: local, huggingface or kubernetes." }).default("local"),
      // Hugging Face's instance types come from its catalog, checked by the service against it.
      instanceType: z.string({ error: "Choose an instance type." }).trim().min(1, "Choose an instance type.").max(100, "Choose one of the listed instance types."),
      protected: z.boolean().default(false),
      tags: tagsSchema.default([]),
      runtime: runtimeChoiceSchema.default({ name: BUILTIN_RUNTIME }),
    })
    .and(policySchema(quota));
}

export type CreateEndpointInput = z.input<ReturnType<typeof createEndpointSchema>>;
