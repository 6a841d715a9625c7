import { z } from "zod";

/** The request bodies the built-in model server accepts, as in OpenAI's API. */

const common = {
  model: z.string().optional(),
  max_tokens: z.number().int().min(1).max(4096).optional(),
  temperature: z.number().min(0).max(2).default(1),
  stream: z.boolean().default(false),
  seed: z.number().int().optional(),
};

export const completionRequest = z.object({
  ...common,
  prompt: z.union([z.string(), z.array(z.string()).min(1)]),
});

export const chatRequest = z.object({
  ...common,
  max_completion_tokens: z.number().int().min(1).max(4096).optional(),
  messages: z
    .array(z.object({ role: z.enum(["system", "user", "assistant", "tool", "developer"]), content: z.string().nullable().optional() }))
    .min(1),
});

export type CompletionRequest = z.infer<typeof completionRequest>;
export type ChatRequest = z.infer<typeof chatRequest>;

export function openAiError(message: string, param?: string) {
  return { error: { message, type: "invalid_request_error", param: param ?? null, code: null } };
}
