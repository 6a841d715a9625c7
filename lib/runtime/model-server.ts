/**
 * The built-in model server: a replica process serving the n-gram model over an OpenAI-compatible API
 * (/v1/completions, /v1/chat/completions, streamed as server-sent events when asked), /v1/models and
 * /health. Options emulate a bigger model's load time and decode speed.
 *
 *   PORT                    port to listen on (0: any free port)
 *   EBB_REPLICA_ID          identity reported by /health, so a restarted controller can adopt it
 *   EBB_MODEL               model name reported by the API
 *   EBB_LOAD_SECONDS        extra seconds of loading before /health answers 200
 *   EBB_TOKENS_PER_SECOND   decode speed; 0 for as fast as the model goes
 *
 * Prints one JSON line {"event":"listening","port":N} once it listens; /health answers 503 until loaded.
 */
import crypto from "node:crypto";
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { detokenize, NgramModel, seededRandom, tokenize } from "./ngram";
import { chatRequest, completionRequest, openAiError } from "./openai";

const port = Number(process.env.PORT ?? 0);
const replicaId = process.env.EBB_REPLICA_ID ?? crypto.randomUUID();
const modelName = process.env.EBB_MODEL ?? "ebb/ngram-declaration";
const loadSeconds = Number(process.env.EBB_LOAD_SECONDS ?? 0);
const tokensPerSecond = Number(process.env.EBB_TOKENS_PER_SECOND ?? 0);
const DEFAULT_MAX_TOKENS = 16;

let model: NgramModel | null = null;
let inFlight = 0;
let draining = false;
const startedAt = Date.now();

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : {};
}

/** Yields each generated token at the emulated decode speed; stops early if the client went away. */
async function* decode(prompt: string, maxTokens: number, temperature: number, seed: number | undefined, res: http.ServerResponse) {
  const random = seededRandom(seed ?? crypto.randomInt(2 ** 31));
  const delay = tokensPerSecond > 0 ? 1000 / tokensPerSecond : 0;
  for (const token of model!.generate(prompt, maxTokens, random, temperature)) {
    if (res.destroyed) return;
    if (delay > 0) await sleep(delay);
    yield token;
  }
}

function usage(prompt: string, completionTokens: number) {
  const promptTokens = tokenize(prompt).length;
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

function startStream(res: http.ServerResponse) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  return (data: unknown) => res.write(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
}

async function completions(req: http.IncomingMessage, res: http.ServerResponse) {
  const parsed = completionRequest.safeParse(await readJson(req));
  if (!parsed.success) return sendJson(res, 400, openAiError(parsed.error.issues[0]!.message, String(parsed.error.issues[0]!.path[0] ?? "")));
  const body = parsed.data;
  const prompt = Array.isArray(body.prompt) ? body.prompt[0]! : body.prompt;
  const maxTokens = body.max_tokens ?? DEFAULT_MAX_TOKENS;
  const id = `cmpl-${crypto.randomBytes(12).toString("hex")}`;
  const created = Math.floor(Date.now() / 1000);
  const tokens: string[] = [];

  if (body.stream) {
    const send = startStream(res);
    for await (const token of decode(prompt, maxTokens, body.temperature, body.seed, res)) {
      const text = detokenize([token], tokens.length === 0 && /\s$/.test(prompt));
      tokens.push(token);
      send({ id, object: "text_completion", created, model: modelName, choices: [{ index: 0, text, finish_reason: null, logprobs: null }] });
    }
    send({ id, object: "text_completion", created, model: modelName, choices: [{ index: 0, text: "", finish_reason: "length", logprobs: null }], usage: usage(prompt, tokens.length) });
    send("[DONE]");
    return res.end();
  }
  for await (const token of decode(prompt, maxTokens, body.temperature, body.seed, res)) tokens.push(token);
  sendJson(res, 200, {
    id,
    object: "text_completion",
    created,
    model: modelName,
    choices: [{ index: 0, text: detokenize(tokens, /\s$/.test(prompt)), finish_reason: "length", logprobs: null }],
    usage: usage(prompt, tokens.length),
  });
}

async function chatCompletions(req: http.IncomingMessage, res: http.ServerResponse) {
  const parsed = chatRequest.safeParse(await readJson(req));
  if (!parsed.success) return sendJson(res, 400, openAiError(parsed.error.issues[0]!.message, String(parsed.error.issues[0]!.path[0] ?? "")));
  const body = parsed.data;
  const prompt = body.messages.filter((m) => m.role === "user").at(-1)?.content ?? "";
  const maxTokens = body.max_completion_tokens ?? body.max_tokens ?? DEFAULT_MAX_TOKENS;
  const id = `chatcmpl-${crypto.randomBytes(12).toString("hex")}`;
  const created = Math.floor(Date.now() / 1000);
  const tokens: string[] = [];

  if (body.stream) {
    const send = startStream(res);
    const chunk = (delta: object, finish: string | null) => ({ id, object: "chat.completion.chunk", created, model: modelName, choices: [{ index: 0, delta, finish_reason: finish }] });
    send(chunk({ role: "assistant", content: "" }, null));
    for await (const token of decode(prompt, maxTokens, body.temperature, body.seed, res)) {
      send(chunk({ content: detokenize([token], tokens.length === 0) }, null));
      tokens.push(token);
    }
    send({ ...chunk({}, "length"), usage: usage(prompt, tokens.length) });
    send("[DONE]");
    return res.end();
  }
  for await (const token of decode(prompt, maxTokens, body.temperature, body.seed, res)) tokens.push(token);
  sendJson(res, 200, {
    id,
    object: "chat.completion",
    created,
    model: modelName,
    choices: [{ index: 0, message: { role: "assistant", content: detokenize(tokens, true) }, finish_reason: "length", logprobs: null }],
    usage: usage(prompt, tokens.length),
  });
}

const server = http.createServer(async (req, res) => {
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/health") {
    if (!model) return sendJson(res, 503, { status: "loading", replicaId });
    return sendJson(res, draining ? 503 : 200, { status: draining ? "draining" : "ok", replicaId, model: modelName, inFlight, uptimeSeconds: (Date.now() - startedAt) / 1000 });
  }
  if (path === "/v1/models" && req.method === "GET") {
    return sendJson(res, 200, { object: "list", data: [{ id: modelName, object: "model", created: Math.floor(startedAt / 1000), owned_by: "ebb" }] });
  }
  const handler = req.method === "POST" ? { "/v1/completions": completions, "/v1/chat/completions": chatCompletions }[path ?? ""] : undefined;
  if (!handler) return sendJson(res, 404, openAiError(`No route for ${req.method} ${path}`));
  if (!model) return sendJson(res, 503, openAiError("The model is still loading."));
  inFlight++;
  try {
    await handler(req, res);
  } catch (error) {
    if (!res.headersSent) sendJson(res, 400, openAiError(error instanceof SyntaxError ? "The body is not valid JSON." : String(error)));
    else res.destroy();
  } finally {
    inFlight--;
  }
});
server.keepAliveTimeout = 65_000;

server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  process.stdout.write(`${JSON.stringify({ event: "listening", port: actualPort, replicaId })}\n`);
  const began = Date.now();
  model = null;
  const loaded = NgramModel.fromCorpus();
  // The rest of the emulated load time of a bigger model.
  const remaining = Math.max(0, loadSeconds * 1000 - (Date.now() - began));
  setTimeout(() => {
    model = loaded;
    process.stdout.write(`${JSON.stringify({ event: "ready", loadMs: Date.now() - began, vocabulary: loaded.vocabularySize })}\n`);
  }, remaining);
});

// Stop taking requests, let the ones in flight finish, then exit.
process.on("SIGTERM", () => {
  draining = true;
  server.close(() => process.exit(0));
  server.closeIdleConnections();
});
