/**
 * The one Ebb process: the Next.js console, and beside it on the same port the parts that are plain
 * Node HTTP. `npm start` runs it after building; `npm run dev` runs it with Next's dev server.
 */
import http from "node:http";
import next from "next";
import { CLIENT_IP_HEADER } from "@/lib/auth/client-ip";
import { ensureAuthSecret } from "@/lib/auth/secret";
import { closeDatabase, getDbHandle } from "@/lib/db";
import { dataDir, env, EnvError } from "@/lib/env";

function clientIp(req: http.IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? "unknown";
}

async function main() {
  const config = env();
  const dev = process.argv.includes("--dev");
  ensureAuthSecret(dataDir());

  const database = await getDbHandle();
  console.log(`ebb: database ready (${database.kind === "postgres" ? "PostgreSQL" : `PGlite in ${dataDir()}`})`);

  const app = next({ dev, dir: process.cwd(), hostname: "localhost", port: config.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((req, res) => {
    // Overwritten on every request, so a client cannot choose the address it is rate limited by.
    req.headers[CLIENT_IP_HEADER] = clientIp(req, config.EBB_TRUST_PROXY);
    void handle(req, res);
  });
  server.listen(config.PORT, config.HOST, () => {
    console.log(`ebb: console on http://localhost:${config.PORT}`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`ebb: ${signal}, shutting down`);
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) {
    console.error(`ebb: ${error.message}`);
  } else {
    console.error("ebb: failed to start:", error);
  }
  process.exit(1);
});
