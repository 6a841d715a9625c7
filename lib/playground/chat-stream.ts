import { HELD_HEADER } from "@/lib/domain/gateway-headers";

/**
 * A chat completion streamed through an endpoint URL, as the playground sends it: the text as it comes,
 * and what a user of the endpoint would feel (time to first token, of which held for a start; decode speed).
 */

export interface ChatStreamResult {
  text: string;
  /** From sending to the first token. */
  firstTokenMs: number | null;
  /** Of that, waiting for a replica to start (the request woke the endpoint); 0 when one was ready. */
  heldMs: number;
  tokens: number;
  /** Tokens after the first over the time they took. */
  tokensPerSecond: number | null;
  totalMs: number;
}

/** Complete server-sent events from the buffer, and what is left of an event still arriving. */
export function splitEvents(buffer: string): { events: string[]; rest: string } {
  const parts = buffer.replace(/\r\n/g, "\n").split("\n\n");
  const rest = parts.pop() ?? "";
  return { events: parts, rest };
}

/** The text an event adds ("" for a role or a finish), or "done" at `[DONE]`; an error event throws. */
export function deltaOf(event: string): string | "done" {
  let text = "";
  for (const line of event.split("\n")) {
    if (!line.startsWith("data:")) continue;
    const data = line.slice(5).trim();
    if (data === "[DONE]") return "done";
    const parsed = JSON.parse(data) as { choices?: Array<{ delta?: { content?: string | null }; text?: string }>; error?: { message?: string } };
    // The gateway ends a stream whose replica failed mid-answer with an error event.
    if (parsed.error) throw new ChatStreamError(parsed.error.message ?? "The answer was cut short.");
    const choice = parsed.choices?.[0];
    text += choice?.delta?.content ?? choice?.text ?? "";
  }
  return text;
}

export class ChatStreamError extends Error {}

export async function streamChat({
  path,
  model,
  prompt,
  maxTokens,
  token,
  scaleUpTimeoutSeconds = 300,
  signal,
  onText,
  now = () => performance.now(),
}: {
  path: string;
  model: string;
  prompt: string;
  maxTokens: number;
  token?: string;
  scaleUpTimeoutSeconds?: number;
  signal?: AbortSignal;
  onText: (text: string) => void;
  now?: () => number;
}): Promise<ChatStreamResult> {
  const started = now();
  const response = await fetch(`${path}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-scale-up-timeout": String(scaleUpTimeoutSeconds), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ model, messages: [{ role: "user", content: prompt }], max_tokens: maxTokens, stream: true }),
    signal,
  });
  const heldMs = Number(response.headers.get(HELD_HEADER) ?? 0);
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => null)) as { error?: string | { message?: string } } | null;
    const message = typeof body?.error === "string" ? body.error : (body?.error?.message ?? `HTTP ${response.status}`);
    throw new ChatStreamError(`${response.status}: ${message}`);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let text = "";
  let tokens = 0;
  let firstAt: number | null = null;
  let lastAt = started;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const { events, rest } = splitEvents(buffer + value);
    buffer = rest;
    for (const event of events) {
      const delta = deltaOf(event);
      if (delta === "done" || delta === "") continue;
      lastAt = now();
      firstAt ??= lastAt;
      tokens++;
      text += delta;
      onText(text);
    }
  }
  const decodeMs = firstAt === null ? 0 : lastAt - firstAt;
  return {
    text,
    firstTokenMs: firstAt === null ? null : firstAt - started,
    heldMs,
    tokens,
    tokensPerSecond: tokens > 1 && decodeMs > 0 ? ((tokens - 1) * 1000) / decodeMs : null,
    totalMs: now() - started,
  };
}
