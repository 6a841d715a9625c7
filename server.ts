/**
 * The Ebb process: the Next.js console, the controller and the replicas, with gateway processes in front
 * serving the public port (endpoint traffic on their own event loops, console requests passed on here).
 * `npm start` runs it after building; `npm run dev` runs it with Next's dev server, all in this process.
 */
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import next from "next";
import { CLIENT_IP_HEADER, clientAddress, PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";
import { serveMetrics } from "@/lib/http/metrics-endpoint";
import { consoleSecurityHeaders } from "@/lib/http/security-headers";
import { ensureAuthSecret } from "@/lib/auth/secret";
import { connectCluster } from "@/lib/cluster/link";
import { closeDatabase, getDbHandle } from "@/lib/db";
import { startEngine } from "@/lib/engine";
import { dataDir, env, EnvError } from "@/lib/env";
import { Gateway } from "@/lib/gateway/gateway";
import { startFront } from "@/lib/front/front";
import { DataFolderInUse, lockDataFolder, secureDataFolder } from "@/lib/data-folder";
import { ensureReplicaRoot, replicaRoot, replicaUser } from "@/lib/providers/local/sandbox";
import { reloadRuntimeCatalog } from "@/lib/runtimes/catalog";
import { inClusterOffer } from "@/lib/providers/kubernetes/in-cluster";

function decodablePath(url: string | undefined): boolean {
  try {
    decodeURIComponent((url ?? "/").split("?")[0]!);
    return true;
  } catch {
    return false;
  }
}

/** A request for what this process's EBB_ROLE leaves to other processes. */
function notServedHere(res: http.ServerResponse, what: string, role: string): void {
  const message = `This Ebb process does not serve ${what}: its EBB_ROLE has no ${role}.`;
  res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "not_served_here", message } }));
}

async function main() {
  const config = env();
  const dev = process.argv.includes("--dev");
  secureDataFolder(dataDir());
  // PGlite has one writer: a second process on this folder is refused before it opens anything.
  if (!config.DATABASE_URL) lockDataFolder(dataDir());
  ensureAuthSecret(dataDir());
  // The operator's runtimes and the replicas' sandbox are checked now: a mistake stops the start.
  const runtimes = reloadRuntimeCatalog();
  ensureReplicaRoot();
  const replicaUserName = replicaUser()?.name;
  console.log(`ebb: runtimes ${runtimes.map((r) => r.name).join(", ")}; replicas run in ${replicaRoot()}${replicaUserName ? ` as ${replicaUserName}` : ""}`);

  if (config.EBB_KUBERNETES_IN_CLUSTER_NAMESPACE) {
    const offer = inClusterOffer();
    console.log(
      offer
        ? `ebb: offering the cluster Ebb runs in (${offer.access.server}, namespace ${offer.namespace}) to organizations`
        : `ebb: EBB_KUBERNETES_IN_CLUSTER_NAMESPACE is set, but this process is not in a pod (no KUBERNETES_SERVICE_HOST, or no service account token in ${config.EBB_KUBERNETES_SERVICE_ACCOUNT_DIR}): the cluster is not offered`,
    );
  }

  const database = await getDbHandle();
  console.log(`ebb: database ready (${database.kind === "postgres" ? "PostgreSQL" : `PGlite in ${dataDir()}`})`);

  const roles = config.EBB_ROLE;
  // Other Ebb processes on the same PostgreSQL hear of this one's changes, and it of theirs.
  const cluster = config.DATABASE_URL ? await connectCluster(config.DATABASE_URL) : undefined;
  // The data plane and control loop share this process and its database client.
  const engine = await startEngine({ databaseUrl: config.DATABASE_URL, cluster, mayLead: roles.has("controller") });
  console.log(`ebb: roles ${[...roles].join(", ")}`);

  let handle: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => notServedHere(res, "the console", "console");
  if (roles.has("console")) {
    const app = next({ dev, dir: process.cwd(), hostname: "localhost", port: config.PORT });
    const nextHandler = app.getRequestHandler();
    await app.prepare();
    handle = (req, res) => void nextHandler(req, res);
  }
  const gatewayHandler = roles.has("gateway")
    ? (req: http.IncomingMessage, res: http.ServerResponse) => void engine.handle(req, res)
    : (_req: http.IncomingMessage, res: http.ServerResponse) => notServedHere(res, "endpoint traffic", "gateway");

  const securityHeaders = consoleSecurityHeaders({ dev });
  // Gateway processes serve the port and pass the console's requests here; with none (or in development),
  // this process serves everything.
  const processes = dev || !roles.has("gateway") ? 0 : config.EBB_GATEWAY_PROCESSES;
  const consoleHandler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    // Next.js answers a path it cannot decode with a bare 500; it is the client's mistake, and says so.
    if (!decodablePath(req.url)) {
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "bad_request", message: "The URL is not valid percent-encoding." } }));
      return;
    }
    if (req.url === "/metrics") {
      // Behind gateway processes, where the connection came from is what the gateway saw.
      const peer = processes > 0 ? String(req.headers[PEER_ADDRESS_HEADER]) : req.socket.remoteAddress;
      return void serveMetrics(req, res, () => engine.prometheus(), peer);
    }
    handle(req, res);
  };

  const serving = roles.has("console") ? "console" : roles.has("gateway") ? "gateway" : "metrics";
  let closeServing: () => Promise<boolean>;
  if (processes > 0) {
    const front = await startFront({ engine, console: consoleHandler, processes });
    console.log(`ebb: ${serving} on http://localhost:${config.PORT} (${processes} gateway process${processes > 1 ? "es" : ""})`);
    closeServing = async () => (await front.stop(config.EBB_DRAIN_SECONDS)).drained;
  } else {
    const server = http.createServer((req, res) => {
      // Overwritten on every request, so a client cannot choose the address it is rate limited by.
      req.headers[CLIENT_IP_HEADER] = clientAddress(req.socket.remoteAddress ?? "unknown", req.headers["x-forwarded-for"], config.EBB_TRUST_PROXY);
      // Inference traffic goes straight to the gateway: plain Node HTTP, never through Next.js.
      if (Gateway.matches(req.url)) return gatewayHandler(req, res);
      consoleHandler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
    console.log(`ebb: ${serving} on http://localhost:${config.PORT}`);
    closeServing = async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const drained = await Promise.race([closed.then(() => true), sleep(config.EBB_DRAIN_SECONDS * 1000).then(() => false)]);
      if (!drained) server.closeAllConnections();
      return drained;
    };
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`ebb: ${signal}, shutting down`);
    // Held requests are answered at once; those in flight get the drain time to finish.
    engine.drain();
    if (!(await closeServing())) {
      console.log(`ebb: requests still unanswered after ${config.EBB_DRAIN_SECONDS} s (EBB_DRAIN_SECONDS); closed their connections`);
    }
    // A clean stop drains and stops the replicas unless the operator leaves them for the next start
    // to adopt; a crash leaves them running either way.
    await engine.stop({ stopReplicas: config.EBB_STOP_REPLICAS_ON_EXIT });
    await cluster?.close();
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof EnvError || error instanceof DataFolderInUse) {
    console.error(`ebb: ${error.message}`);
  } else {
    console.error("ebb: failed to start:", error);
  }
  process.exit(1);
});
