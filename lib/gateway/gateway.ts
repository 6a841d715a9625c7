import type http from "node:http";
import { EventEmitter } from "node:events";
import { Writable } from "node:stream";
import { Pool } from "undici";
import { CLIENT_IP_HEADER, PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";
import { decodeSegment } from "@/lib/http/decode";
import { NAMESPACE_PATTERN } from "@/lib/domain/account";
import { ENDPOINT_NAME_PATTERN } from "@/lib/domain/endpoint";
import { HELD_HEADER } from "@/lib/domain/gateway-headers";
import type { LoggedRequest } from "@/lib/domain/request-log";

/** What the gateway needs to know of an endpoint to route a request to it. */
export interface EndpointTarget {
  id: string;
  organizationId: string;
  namespace: string;
  name: string;
  desiredState: "running" | "paused" | "deleted";
  state: string;
  stateMessage: string | null;
  protected: boolean;
  /** true: routed to Ebb's own replicas; false: forwarded to the provider's URL for the endpoint. */
  replicasByEbb: boolean;
  /** The provider's name (lib/domain/providers.ts). */
  provider: string;
  providerUrl: string | null;
}

/** A ready replica as the gateway routes to it; `inFlight` is what this gateway has sent it and not had answered. */
export interface Replica {
  readonly id: string;
  /** Where it listens: an origin, or an origin and a path every request path goes under (a proxy's). */
  readonly url: string;
  /** Sent with every request to it (the credentials of a proxy in between, such as Kubernetes' API server). */
  readonly headers?: Readonly<Record<string, string>>;
  inFlight: number;
}

/** Requests per endpoint as they begin and end, and those held for a cold start: the autoscaler's input. */
export interface LoadEvents {
  begin(endpointId: string): void;
  end(endpointId: string): void;
  held(endpointId: string): void;
  released(endpointId: string): void;
}

/** Where each answered request is counted (status, latency) and logged for replays. */
export interface StatsSink {
  record(endpointId: string, name: string, status: number, latencyMs: number, logged?: LoggedRequest): void;
}

export interface GatewayDeps {
  /** The endpoint at this path; `fresh` skips any cache (before refusing a request on its state). */
  resolve(namespace: string, name: string, options?: { fresh?: boolean }): Promise<EndpointTarget | null>;
  readyReplicas(endpointId: string): Replica[];
  onReplicaReady(listener: (endpointId: string) => void): void;
  /** Asks the controller to start the endpoint now (a request is waiting). */
  activate(endpointId: string): void;
  /** Seconds a client should wait before retrying a cold endpoint. */
  retryAfterSeconds(endpointId: string): number;
  verifyToken(token: string, organizationId: string): Promise<boolean>;
  /** The organization's token at the provider, sent on to endpoints that the provider serves. */
  providerToken(organizationId: string): Promise<string | null>;
  /** Whether the provider token may be sent to this endpoint URL (the configured provider domains). */
  mayReceiveProviderToken(url: string): boolean;
  load: LoadEvents;
  stats: StatsSink;
}

export interface GatewayOptions {
  /** Requests that may wait for one cold endpoint at once; beyond, 503 at once. One endpoint's queue never fills another's. */
  maxQueue?: number;
  /** Requests that may wait for all endpoints together: the gateway's memory bound. */
  maxQueueTotal?: number;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
}

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "content-length",
  // Ebb's own token stays at the gateway.
  "authorization",
  "x-scale-up-timeout",
]);

/**
 * Never sent to a replica or provider: the console's session cookie (a tenant's server must not see the
 * sessions of whoever follows a link to it) and the address header only Ebb's own server may set.
 */
const PRIVATE_REQUEST_HEADERS = new Set(["cookie", CLIENT_IP_HEADER, PEER_ADDRESS_HEADER]);

/** Never passed back: a tenant's answer is served on the console's origin and must not set its cookies. */
const PRIVATE_RESPONSE_HEADERS = new Set(["set-cookie", "set-cookie2"]);

/**
 * On every answer of the data plane. `sandbox` gives a tenant's HTML an opaque origin with no script, so
 * it can neither run as the console nor read its cookies; nosniff keeps a body from being read as
 * another type than it says.
 */
export const DATA_PLANE_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": "sandbox",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/** Keep-alive connections to a replica or a provider's endpoint, as many as requests in flight, no pipelining. */
// No cap on connections (as nginx has none upstream): a cap queues requests inside the gateway,
// unseen by the autoscaler, and at 100 concurrent 100 ms requests turned 100 ms into seconds.
const POOL_OPTIONS = { connections: null, keepAliveTimeout: 30_000, pipelining: 1 };

interface Waiter {
  resolve: (replica: Replica | null) => void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * The data plane: `/e/{namespace}/{endpoint}/…` to the least-busy ready replica, streamed both ways.
 * A request to an endpoint at zero wakes it; with `X-Scale-Up-Timeout: N` it is held up to N seconds
 * while the endpoint starts (504 after), without it the answer is 503 with Retry-After.
 */
export class Gateway {
  private readonly pools = new Map<string, Pool>();
  private readonly providerPools = new Map<string, Pool>();
  private readonly waiters = new Map<string, Waiter[]>();
  private queued = 0;
  /** Set when Ebb is shutting down: requests in flight finish, nothing new is taken or held. */
  private draining = false;
  private readonly maxQueue: number;
  private readonly maxQueueTotal: number;
  private readonly maxBodyBytes: number;

  constructor(
    private readonly deps: GatewayDeps,
    options: GatewayOptions = {},
  ) {
    this.maxQueue = options.maxQueue ?? 1000;
    this.maxQueueTotal = options.maxQueueTotal ?? 10 * this.maxQueue;
    this.maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
    deps.onReplicaReady((endpointId) => this.dispatchWaiters(endpointId));
  }

  static matches(url: string | undefined): boolean {
    return !!url && url.startsWith("/e/");
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const arrivedAt = Date.now();
    // Time this request spent held for a cold start, apart from the time a replica spent on it.
    const hold = { ms: 0 };
    let target: EndpointTarget | null = null;
    let counted = false;
    try {
      if (this.draining) throw shuttingDown();
      const route = parseRoute(req.url ?? "");
      if (!route) throw new HttpError(404, "Use /e/{namespace}/{endpoint}/{path}.");
      // Names that cannot exist are answered without a lookup (and never reach the database as NUL bytes).
      if (!ENDPOINT_NAME_PATTERN.test(route.name) || !NAMESPACE_PATTERN.test(route.namespace)) {
        throw new HttpError(404, `No endpoint ${route.namespace}/${route.name}.`);
      }
      target = await this.deps.resolve(route.namespace, route.name);
      // A refusal, or a request that would wait for a cold start, is decided on a fresh read: the
      // endpoint may have just been created, paused, resumed or deleted.
      if (!this.servable(target) || (target!.replicasByEbb && this.pick(target!.id) === null)) {
        target = await this.deps.resolve(route.namespace, route.name, { fresh: true });
      }
      if (!target || target.desiredState === "deleted") throw new HttpError(404, `No endpoint ${route.namespace}/${route.name}.`);
      if (target.protected) await this.authorize(req, target);
      if (target.desiredState === "paused") {
        throw new HttpError(503, `Endpoint ${target.namespace}/${target.name} is paused. Resume it to serve requests.`);
      }
      if (target.state === "failed") {
        throw new HttpError(503, `Endpoint ${target.namespace}/${target.name} has failed: ${target.stateMessage ?? "see its lifecycle log"}.`);
      }
      const body = await readBody(req, this.maxBodyBytes);
      this.deps.load.begin(target.id);
      counted = true;
      if (target.replicasByEbb) await this.forward(req, res, target, route.path, body, hold);
      else await this.forwardToProvider(req, res, target, route.path, body);
    } catch (error) {
      this.fail(res, error);
    } finally {
      if (target && counted) this.deps.load.end(target.id);
      if (target) {
        const latencyMs = performance.now() - started;
        // Requests that reached the endpoint (not refused before it) are what a replay of its traffic replays.
        const logged = counted ? { arrivedAt, serviceMs: latencyMs - hold.ms, heldMs: hold.ms, status: res.statusCode } : undefined;
        this.deps.stats.record(target.id, `${target.namespace}/${target.name}`, res.statusCode, latencyMs, logged);
      }
    }
  }

  private servable(target: EndpointTarget | null): boolean {
    return !!target && target.desiredState === "running" && target.state !== "failed";
  }

  private async authorize(req: http.IncomingMessage, target: EndpointTarget): Promise<void> {
    const header = req.headers.authorization ?? "";
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (!token) throw new HttpError(401, "This endpoint is protected: send Authorization: Bearer <API token>.", { "www-authenticate": "Bearer" });
    if (!(await this.deps.verifyToken(token, target.organizationId))) {
      throw new HttpError(401, "The API token is not valid for this endpoint's organization.", { "www-authenticate": 'Bearer error="invalid_token"' });
    }
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse, target: EndpointTarget, path: string, body: Buffer | null, hold: { ms: number }) {
    // A replica whose connection broke before it answered (refused, reset, closed: it died, often before
    // its provider has noticed) is tried once more on another one: the body is buffered and inference is
    // stateless, so nothing is lost.
    let failed: Replica | null = null;
    // A request held for a cold start is the start's backlog until it ends, not load the replicas
    // carry: it is answered by the replicas the start brings, and sizing for it would overshoot.
    let held = false;
    const onHeld = () => {
      // Once per request, though a retry after a broken connection may wait again.
      if (held) return;
      held = true;
      this.deps.load.held(target.id);
    };
    try {
      for (;;) {
        let replica = this.pick(target.id, failed);
        if (!replica) {
          const waitStarted = performance.now();
          try {
            replica = await this.waitForReplica(req, target, onHeld);
          } finally {
            hold.ms += performance.now() - waitStarted;
          }
        }
        replica.inFlight++;
        try {
          // How long it was held for a start: the caller (the playground) can tell it woke the endpoint.
          const heldHeader: Record<string, string> = hold.ms > 0 ? { [HELD_HEADER]: String(Math.round(hold.ms)) } : {};
          await this.proxy(req, res, this.pool(replica), `${basePath(replica.url)}${path}`, body, replica.headers, heldHeader);
          return;
        } catch (error) {
          if (failed || res.headersSent || !CONNECTION_BROKEN.has((error as { code?: string }).code ?? "")) throw error;
          failed = replica;
        } finally {
          replica.inFlight--;
        }
      }
    } finally {
      if (held) this.deps.load.released(target.id);
    }
  }

  /**
   * An endpoint the provider serves (Hugging Face): to its own URL with the organization's provider token
   * in place of the caller's, and X-Scale-Up-Timeout passed on, so the provider holds it through a cold start.
   */
  private async forwardToProvider(req: http.IncomingMessage, res: http.ServerResponse, target: EndpointTarget, path: string, body: Buffer | null) {
    if (!target.providerUrl) {
      throw new HttpError(503, `Endpoint ${target.namespace}/${target.name} is being created at its provider. Retry shortly.`, { "retry-after": "5" });
    }
    if (!this.deps.mayReceiveProviderToken(target.providerUrl)) {
      throw new HttpError(502, `Endpoint ${target.namespace}/${target.name} has a provider URL outside the configured Hugging Face domains; Ebb does not send the token there.`);
    }
    const token = await this.deps.providerToken(target.organizationId);
    if (!token) throw new HttpError(502, `Endpoint ${target.namespace}/${target.name} has no provider connection: connect one under Settings → Providers.`);
    const url = new URL(target.providerUrl);
    const extra: Record<string, string> = { authorization: `Bearer ${token}` };
    const scaleUp = req.headers["x-scale-up-timeout"];
    if (scaleUp !== undefined) extra["x-scale-up-timeout"] = Array.isArray(scaleUp) ? scaleUp[0]! : scaleUp;
    let pool = this.providerPools.get(url.origin);
    if (!pool) this.providerPools.set(url.origin, (pool = new Pool(url.origin, POOL_OPTIONS)));
    await this.proxy(req, res, pool, `${url.pathname.replace(/\/$/, "")}${path}`, body, extra);
  }

  /** The ready replica with the fewest requests in flight. */
  private pick(endpointId: string, exclude: Replica | null = null): Replica | null {
    let best: Replica | null = null;
    for (const replica of this.deps.readyReplicas(endpointId)) {
      if (replica === exclude) continue;
      if (!best || replica.inFlight < best.inFlight) best = replica;
    }
    return best;
  }

  private async waitForReplica(req: http.IncomingMessage, target: EndpointTarget, onHeld: () => void): Promise<Replica> {
    this.deps.activate(target.id);
    const timeout = parseScaleUpTimeout(req.headers["x-scale-up-timeout"]);
    const retryAfter = String(this.deps.retryAfterSeconds(target.id));
    if (timeout === null) {
      throw new HttpError(
        503,
        `Endpoint ${target.namespace}/${target.name} is starting. Retry after ${retryAfter} s, or send X-Scale-Up-Timeout to wait.`,
        { "retry-after": retryAfter },
      );
    }
    if ((this.waiters.get(target.id)?.length ?? 0) >= this.maxQueue) {
      throw new HttpError(503, `Too many requests are waiting for ${target.namespace}/${target.name} to start. Retry later.`, { "retry-after": retryAfter });
    }
    if (this.queued >= this.maxQueueTotal) {
      throw new HttpError(503, "Too many requests are waiting for endpoints to start. Retry later.", { "retry-after": retryAfter });
    }
    this.queued++;
    onHeld();
    try {
      const replica = await new Promise<Replica | null>((resolve) => {
        const waiter: Waiter = { resolve };
        const list = this.waiters.get(target.id) ?? [];
        list.push(waiter);
        this.waiters.set(target.id, list);
        const done = (replica: Replica | null) => {
          clearTimeout(timer);
          req.off("close", onClose);
          const remaining = (this.waiters.get(target.id) ?? []).filter((w) => w !== waiter);
          this.waiters.set(target.id, remaining);
          resolve(replica);
        };
        waiter.resolve = done;
        const timer = setTimeout(() => done(null), timeout * 1000);
        const onClose = () => done(null);
        req.on("close", onClose);
      });
      if (!replica && this.draining) throw shuttingDown();
      if (!replica) {
        throw new HttpError(504, `Endpoint ${target.namespace}/${target.name} did not start within the ${timeout} s of X-Scale-Up-Timeout.`);
      }
      return replica;
    } finally {
      this.queued--;
    }
  }

  private dispatchWaiters(endpointId: string): void {
    for (const waiter of [...(this.waiters.get(endpointId) ?? [])]) {
      const replica = this.pick(endpointId);
      if (!replica) return;
      waiter.resolve(replica);
    }
  }

  private pool(replica: Replica): Pool {
    let pool = this.pools.get(replica.id);
    if (!pool) {
      pool = new Pool(new URL(replica.url).origin, POOL_OPTIONS);
      this.pools.set(replica.id, pool);
    }
    return pool;
  }

  private async proxy(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    pool: Pool,
    path: string,
    body: Buffer | null,
    extraHeaders: Readonly<Record<string, string>> = {},
    extraResponseHeaders: Record<string, string> = {},
  ) {
    const headers: Record<string, string | string[]> = {};
    const incoming = req.headers;
    for (const name in incoming) {
      const value = incoming[name];
      if (value !== undefined && !HOP_BY_HOP.has(name) && !PRIVATE_REQUEST_HEADERS.has(name)) headers[name] = value;
    }
    for (const name in extraHeaders) headers[name] = extraHeaders[name]!;
    // undici takes an emitter as the abort signal: lighter than an AbortController on every request.
    const abort = new EventEmitter();
    const onClose = () => {
      if (!res.writableFinished) abort.emit("abort");
    };
    res.on("close", onClose);
    try {
      // undici's stream(): the replica's body is written straight into the client's response, chunk by
      // chunk as it arrives, with no intermediate Readable. Streaming stays streaming.
      await pool.stream(
        {
          path,
          method: (req.method ?? "GET") as "GET",
          headers,
          body,
          signal: abort,
          headersTimeout: 0,
          bodyTimeout: 0,
        },
        ({ statusCode, headers: upstreamHeaders }) => {
          const responseHeaders: Record<string, string | string[]> = {};
          for (const name in upstreamHeaders) {
            const value = upstreamHeaders[name];
            if (value !== undefined && !HOP_BY_HOP.has(name) && !PRIVATE_RESPONSE_HEADERS.has(name)) responseHeaders[name] = value;
          }
          if (upstreamHeaders["content-length"]) responseHeaders["content-length"] = upstreamHeaders["content-length"];
          for (const name in extraResponseHeaders) responseHeaders[name] = extraResponseHeaders[name]!;
          for (const name in DATA_PLANE_HEADERS) responseHeaders[name] = DATA_PLANE_HEADERS[name]!;
          res.writeHead(statusCode, responseHeaders);
          // Server-sent events: let the client see the status before the first token.
          if (String(upstreamHeaders["content-type"] ?? "").startsWith("text/event-stream")) {
            res.flushHeaders();
            return eventStreamSink(res);
          }
          return res;
        },
      );
    } finally {
      res.off("close", onClose);
    }
  }

  private fail(res: http.ServerResponse, error: unknown): void {
    if (res.headersSent) {
      // Ended already (an event stream closed with its error event); otherwise cut, which a client
      // sees as an incomplete body.
      if (res.writableEnded) return;
      res.destroy(error instanceof Error ? error : undefined);
      return;
    }
    if (error instanceof HttpError) {
      sendError(res, error.status, error.message, error.headers);
      return;
    }
    if (isAbort(error)) return;
    sendError(res, 502, `The replica failed to answer: ${error instanceof Error ? error.message : String(error)}`);
  }

  /** Closes connection pools of replicas that are gone. */
  prune(liveReplicaIds: Set<string>): void {
    for (const [id, pool] of this.pools) {
      if (!liveReplicaIds.has(id)) {
        void pool.close();
        this.pools.delete(id);
      }
    }
  }

  /**
   * Shutting down: requests held for a cold start are answered 503 with Retry-After at once (another
   * process, or this one restarted, will take them), new ones too; those in flight on a replica finish.
   */
  drain(): void {
    this.draining = true;
    this.releaseWaiters();
  }

  /** Every held request gives up waiting (answered as draining or closing says). */
  private releaseWaiters(): void {
    for (const list of this.waiters.values()) for (const w of list) w.resolve(null);
  }

  async close(): Promise<void> {
    this.releaseWaiters();
    await Promise.all([...this.pools.values(), ...this.providerPools.values()].map((p) => p.close()));
    this.pools.clear();
    this.providerPools.clear();
  }
}

/** The path a replica's URL puts every request under ("" for a bare origin). */
function basePath(url: string): string {
  const slash = url.indexOf("/", url.indexOf("//") + 2);
  return slash < 0 ? "" : url.slice(slash).replace(/\/$/, "");
}

/** Errors of a connection that broke, as opposed to a replica that answered. */
const CONNECTION_BROKEN = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);

/**
 * Where a replica's server-sent events are written: into the client's response, and when the replica
 * fails mid-answer (undici destroys this sink with the error), an error event that the client's SDK
 * raises and a proper end, instead of a bare connection reset. Plain bodies go to the response itself.
 */
function eventStreamSink(res: http.ServerResponse): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (res.write(chunk)) callback();
      else res.once("drain", () => callback());
    },
    final(callback) {
      res.end(() => callback());
    },
    destroy(error, callback) {
      if (error && !res.writableEnded && !res.destroyed) {
        if (isAbort(error)) {
          res.destroy();
        } else {
          const message = `The replica stopped before the answer was complete: ${error.message}`;
          res.end(`event: error\ndata: ${JSON.stringify({ error: { message, type: "replica_failed" } })}\n\n`);
        }
      }
      callback(error);
    },
  });
}

/** The client went away: nothing to answer. */
function isAbort(error: unknown): boolean {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: string };
  return code === "ABORT_ERR" || code === "UND_ERR_ABORTED" || name === "AbortError";
}

function shuttingDown(): HttpError {
  return new HttpError(503, "Ebb is shutting down. Retry in a moment.", { "retry-after": "1", connection: "close" });
}

function sendError(res: http.ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ error: message });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...DATA_PLANE_HEADERS, ...headers });
  res.end(body);
}

export function parseRoute(url: string): { namespace: string; name: string; path: string } | null {
  const match = /^\/e\/([^/?#]+)\/([^/?#]+)(\/[^?#]*)?(\?[^#]*)?$/.exec(url);
  if (!match) return null;
  const namespace = decodeSegment(match[1]!);
  const name = decodeSegment(match[2]!);
  if (namespace === null || name === null) throw new HttpError(400, "The endpoint path is not valid percent-encoding.");
  return { namespace, name, path: `${match[3] ?? "/"}${match[4] ?? ""}` };
}

/** Seconds from X-Scale-Up-Timeout, or null when absent or not a positive number. */
export function parseScaleUpTimeout(value: string | string[] | undefined): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return null;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3600) : null;
}

/** The whole body, read with plain events (an async iterator per request costs more than the read). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  if (req.method === "GET" || req.method === "HEAD") return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.resume();
        reject(new HttpError(413, `The request body is larger than ${limit} bytes.`));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(Object.assign(new Error("The client closed the request before its body was read."), { code: "ABORT_ERR" }));
    };
    const cleanup = () => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
    };
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}
