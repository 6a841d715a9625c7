import http from "node:http";
import type { AddressInfo } from "node:net";
import { seededRandom } from "@/lib/runtime/ngram";

/**
 * A real HTTP server implementing the Hugging Face Inference Endpoints contract of shared/providers.md,
 * for tests: endpoints move through their states over time, and faults (429, 500, slow answers,
 * dropped connections, before or after the change is made) can be injected at a rate.
 */

export type Fault = "429" | "500" | "slow" | "drop";

export interface ContractServerOptions {
  token: string;
  user: string;
  /** Each state transition (pending → initializing → running …) takes this long. */
  transitionMs?: number;
  faults?: { rate: number; kinds?: Fault[]; seed?: number; slowMs?: number };
  /** 0 (the default) for any free port. */
  port?: number;
}

interface StoredEndpoint {
  body: Record<string, unknown>;
  state: string;
  createdAt: string;
  updatedAt: string;
  timers: NodeJS.Timeout[];
}

const HARDWARE = {
  vendors: [
    {
      name: "aws",
      regions: [
        {
          name: "us-east-1",
          computes: [
            { id: "aws-us-east-1-intel-icl-x2", accelerator: "cpu", instanceType: "intel-icl", instanceSize: "x2", architecture: "Intel Ice Lake", numAccelerators: 1, numCpus: 2, memoryGb: 4, gpuMemoryGb: null, pricePerHour: 0.134, status: "available", quota: { maxAccelerators: 16, usedAccelerators: 0 } },
            { id: "aws-us-east-1-nvidia-l4-x1", accelerator: "gpu", instanceType: "nvidia-l4", instanceSize: "x1", architecture: "Nvidia L4", numAccelerators: 1, numCpus: 8, memoryGb: 30, gpuMemoryGb: 24, pricePerHour: 0.8, status: "available", quota: { maxAccelerators: 4, usedAccelerators: 0 } },
          ],
        },
      ],
    },
  ],
};

export async function startContractServer(options: ContractServerOptions) {
  const transitionMs = options.transitionMs ?? 200;
  const endpoints = new Map<string, StoredEndpoint>();
  const random = seededRandom(options.faults?.seed ?? 1);
  const stats = { requests: 0, faults: 0, creates: 0 };
  const dataRequests: Array<{ name: string; path: string; headers: http.IncomingHttpHeaders }> = [];
  let faults = options.faults;
  let base = "";

  const now = () => new Date().toISOString();
  function moveTo(endpoint: StoredEndpoint, states: string[]) {
    for (const t of endpoint.timers) clearTimeout(t);
    endpoint.timers = states.map((state, i) =>
      setTimeout(() => {
        endpoint.state = state;
        endpoint.updatedAt = now();
      }, transitionMs * (i + 1)),
    );
  }
  /** Replicas as Hugging Face reports them: its minimum (at least one) while running or starting. */
  function replicas(e: StoredEndpoint) {
    const scaling = (e.body.compute as { scaling: { minReplica?: number } }).scaling;
    const wanted = Math.max(1, scaling.minReplica ?? 1);
    if (e.state === "running" || e.state === "updating") return { readyReplica: wanted, targetReplica: wanted };
    if (e.state === "initializing") return { readyReplica: 0, targetReplica: wanted };
    return { readyReplica: 0, targetReplica: 0 };
  }

  /**
   * The endpoint's URL (providers.md §6): the bearer token required; scaled to zero, a request wakes it
   * and gets 503, or is held while it starts with X-Scale-Up-Timeout; paused answers 400.
   */
  function dataPlane(req: http.IncomingMessage, url: URL, body: string, res: http.ServerResponse) {
    const [, , name, ...rest] = url.pathname.split("/");
    const e = endpoints.get(name ?? "");
    dataRequests.push({ name: name ?? "", path: `/${rest.join("/")}`, headers: req.headers });
    if (req.headers.authorization !== `Bearer ${options.token}`) return error(res, 401, "Invalid credentials in Authorization header");
    if (!e) return error(res, 404, "Not Found");
    if (e.state === "paused") return void res.writeHead(400, { "content-type": "text/plain" }).end("Bad Request: Invalid state");
    const answer = () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ endpoint: name, path: `/${rest.join("/")}`, echo: body }));
    if (e.state === "running" || e.state === "updating") return answer();
    if (e.state === "scaledToZero") {
      e.state = "initializing";
      e.updatedAt = now();
      moveTo(e, ["running"]);
    }
    const hold = Number(req.headers["x-scale-up-timeout"]);
    if (!(hold > 0)) return void res.writeHead(503, { "content-type": "text/plain" }).end("Service Unavailable");
    const deadline = Date.now() + hold * 1000;
    const check = () => {
      if (e.state === "running") return answer();
      if (Date.now() > deadline) return void res.writeHead(504, { "content-type": "text/plain" }).end("Gateway Timeout");
      setTimeout(check, 20);
    };
    check();
  }

  function json(name: string, e: StoredEndpoint) {
    const compute = e.body.compute as Record<string, unknown>;
    const scaling = compute.scaling as Record<string, unknown>;
    return {
      ...e.body,
      name,
      accountId: null,
      compute: { ...compute, id: `aws-us-east-1-${compute.instanceType}-${compute.instanceSize}`, scaling: { ...scaling, metric: "hardwareUsage", measure: { hardwareUsage: null } } },
      model: { task: "text-generation", env: {}, secrets: {}, ...(e.body.model as object) },
      healthRoute: "/health",
      status: {
        createdAt: e.createdAt,
        createdBy: { id: "u1", name: options.user },
        updatedAt: e.updatedAt,
        updatedBy: { id: "u1", name: options.user },
        state: e.state,
        message: e.state === "running" ? "Endpoint is ready" : e.state,
        ...replicas(e),
        ...(e.state !== "pending" ? { url: `${base}/data/${name}` } : {}),
      },
    };
  }
  const error = (res: http.ServerResponse, status: number, message: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", "x-error-message": message, ...headers }).end(JSON.stringify({ error: message }));
  };

  /** The change itself, then the answer. */
  function handle(req: http.IncomingMessage, body: string, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/health") return void res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    if (url.pathname.startsWith("/data/")) return dataPlane(req, url, body, res);
    if (req.headers.authorization !== `Bearer ${options.token}`) return error(res, 401, "Invalid user token.");
    if (url.pathname === "/api/whoami-v2") {
      return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ type: "user", id: "u1", name: options.user, fullname: options.user, orgs: [] }));
    }
    const m = /^\/v2\/(endpoint|provider)\/([^/]+)(?:\/([^/]+))?(?:\/(pause|resume|scale-to-zero))?$/.exec(url.pathname);
    if (!m || m[2] !== options.user) return error(res, 404, "Not found");
    const [, kind, , name, action] = m;
    if (kind === "provider") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(HARDWARE));
    const send = (status: number, value: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
    if (!name) {
      if (req.method === "GET") return send(200, { items: [...endpoints].map(([n, e]) => json(n, e)) });
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(body);
      } catch {
        return void res.writeHead(400, { "content-type": "text/plain" }).end("Failed to parse the request body as JSON");
      }
      const newName = String(parsed.name);
      if (endpoints.has(newName)) return error(res, 409, `Endpoint '${newName}' already exists`);
      const stored: StoredEndpoint = { body: parsed, state: "pending", createdAt: now(), updatedAt: now(), timers: [] };
      endpoints.set(newName, stored);
      stats.creates++;
      moveTo(stored, ["initializing", "running"]);
      return send(200, json(newName, stored));
    }
    const e = endpoints.get(name);
    if (!e) return error(res, 404, `Endpoint '${name}' not found`);
    if (action === "pause") {
      for (const t of e.timers) clearTimeout(t);
      e.state = "paused";
      e.updatedAt = now();
      return send(200, json(name, e));
    }
    if (action === "resume") {
      if (e.state === "running") return error(res, 400, "Bad request: endpoint is already running");
      e.state = "initializing";
      moveTo(e, ["running"]);
      return send(200, json(name, e));
    }
    if (action === "scale-to-zero") {
      for (const t of e.timers) clearTimeout(t);
      e.state = "scaledToZero";
      e.updatedAt = now();
      return send(200, json(name, e));
    }
    if (req.method === "GET") return send(200, json(name, e));
    if (req.method === "DELETE") {
      for (const t of e.timers) clearTimeout(t);
      endpoints.delete(name);
      return send(200, {});
    }
    if (req.method === "PUT") {
      const patch = JSON.parse(body || "{}") as { compute?: { scaling?: object } };
      const compute = e.body.compute as { scaling: object };
      e.body = { ...e.body, compute: { ...compute, ...patch.compute, scaling: { ...compute.scaling, ...patch.compute?.scaling } } };
      e.state = "updating";
      e.updatedAt = now();
      moveTo(e, ["running"]);
      return send(200, json(name, e));
    }
    return error(res, 405, "Method not allowed");
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      stats.requests++;
      const body = Buffer.concat(chunks).toString("utf8");
      const management = !req.url?.startsWith("/data/") && req.url !== "/health";
      const fault = management && faults && random() < faults.rate ? (faults.kinds ?? ["429", "500", "slow", "drop"])[Math.floor(random() * (faults.kinds?.length ?? 4))] : null;
      if (!fault) return handle(req, body, res);
      stats.faults++;
      // Half the 500s and drops happen after the change was made: the client cannot tell it happened.
      const after = random() < 0.5;
      const answer = () => {
        if (fault === "429") return error(res, 429, "Too many requests", { "retry-after": "0" });
        if (fault === "500") return error(res, 500, "Internal server error");
        if (fault === "drop") return void res.socket?.destroy();
      };
      if (fault === "slow") return void setTimeout(() => handle(req, body, res), faults!.slowMs ?? 3000);
      if (after && fault !== "429") {
        const sink = new http.ServerResponse(req);
        handle(req, body, sink);
      }
      answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    hub: base,
    api: `${base}/v2`,
    stats,
    endpoints,
    /** Requests that reached endpoints' URLs, with their headers. */
    dataRequests,
    setFaults(next: ContractServerOptions["faults"]) {
      faults = next;
    },
    async close() {
      for (const e of endpoints.values()) for (const t of e.timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
