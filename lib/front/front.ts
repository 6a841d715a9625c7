import cluster, { type Worker } from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { onEndpointChanged } from "@/lib/endpoint-changes";
import type { Engine } from "@/lib/engine";
import { GatewayHost, type GatewayConnection } from "@/lib/gateway/remote/host";
import type { ToPrimary } from "@/lib/gateway/remote/protocol";

export interface FrontOptions {
  engine: Engine;
  /** Console requests, passed on by the gateway processes over a private socket. */
  console: http.RequestListener;
  processes: number;
  /** Where a gateway process that dies is reported. */
  log?: (line: string) => void;
}

export interface Front {
  /** Drains every gateway process (held requests answered, in-flight ones finish) for up to `drainSeconds`. */
  stop(drainSeconds: number): Promise<{ drained: boolean }>;
  /** The gateway processes now running. */
  pids(): number[];
}

/**
 * The public port served by `processes` gateway processes (lib/front/gateway-process.ts), each with its
 * own event loop, fed by this process's engine through a GatewayHost. The console listens on a Unix socket
 * in a folder only this user can open, so only the gateway processes reach it and the client address they
 * write is trusted.
 */
export async function startFront({ engine, console: handler, processes, log = console.error }: FrontOptions): Promise<Front> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ebb-console-"));
  const socketPath = path.join(dir, "console.sock");
  const consoleServer = http.createServer(handler);
  // The gateways' keep-alive connections are closed by them, never by a timer here: a request sent on
  // one the console is closing at that moment would fail.
  consoleServer.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => consoleServer.once("error", reject).listen(socketPath, resolve));

  const host = new GatewayHost(engine.hosted);
  const unsubscribe = onEndpointChanged(() => host.endpointsChanged());
  // The kernel hands connections to the gateway processes: none waits on this process's event loop.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  cluster.setupPrimary({ exec: path.join(import.meta.dirname, "gateway-process.ts"), execArgv: ["--import", "tsx"] });
  const workers = new Set<Worker>();
  /** Those serving the port; one still starting has no requests and would miss a drain message. */
  const serving = new Set<Worker>();
  let stopping = false;

  const start = () =>
    new Promise<Worker>((resolve, reject) => {
      const worker = cluster.fork({ EBB_CONSOLE_SOCKET: socketPath });
      const connection: GatewayConnection = { send: (message) => worker.isConnected() && void worker.send(message) };
      let listening = false;
      workers.add(worker);
      host.add(connection);
      worker.on("message", (message: ToPrimary) => host.receive(connection, message));
      worker.once("listening", () => {
        listening = true;
        serving.add(worker);
        resolve(worker);
      });
      worker.once("exit", (code, signal) => {
        workers.delete(worker);
        serving.delete(worker);
        host.remove(connection);
        if (!listening) return reject(new Error(`A gateway process exited before it took requests (${signal ?? `exit code ${code}`}); see its error above.`));
        if (stopping) return;
        log(`ebb: a gateway process exited (${signal ?? `exit code ${code}`}); starting another`);
        setTimeout(() => void start().catch((error: Error) => log(`ebb: ${error.message}`)), 1000).unref();
      });
    });

  try {
    await Promise.all(Array.from({ length: processes }, start));
  } catch (error) {
    for (const worker of workers) worker.process.kill("SIGKILL");
    throw error;
  }

  return {
    pids: () => [...serving].map((w) => w.process.pid!).filter(Boolean),
    async stop(drainSeconds) {
      stopping = true;
      const exited = Promise.all([...workers].map((w) => new Promise((resolve) => (w.isDead() ? resolve(null) : w.once("exit", resolve)))));
      for (const worker of workers) if (!serving.has(worker)) worker.process.kill("SIGKILL");
      host.drain();
      const drained = await Promise.race([exited.then(() => true), sleep(drainSeconds * 1000).then(() => false)]);
      for (const worker of workers) worker.process.kill("SIGKILL");
      await exited;
      host.close();
      unsubscribe();
      consoleServer.closeAllConnections();
      await new Promise((resolve) => consoleServer.close(resolve));
      fs.rmSync(dir, { recursive: true, force: true });
      return { drained };
    },
  };
}
