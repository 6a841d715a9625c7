// The least a Node.js reverse proxy does, as the floor any proxy written in Node stands on: Node's HTTP
// server, undici keep-alive pools upstream (as Ebb's gateway uses), the body streamed back; no routing
// table, no accounting, no header filtering. PROCESSES workers share the port as Ebb's gateway
// processes do. Plain JavaScript, no transpiler.
// Usage: node node-proxy.mjs PORT PROCESSES NAME=URL [NAME=URL…]   (/NAME/… goes to URL/…)
import cluster from "node:cluster";
import http from "node:http";
import { Pool } from "undici";

const [port, processes, ...routes] = process.argv.slice(2);

if (cluster.isPrimary) {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  let listening = 0;
  for (let i = 0; i < Number(processes); i++) {
    cluster.fork().on("listening", () => {
      if (++listening === Number(processes)) console.log(`ready on ${port}`);
    });
  }
} else {
  const pools = new Map(routes.map((r) => r.split("=")).map(([name, url]) => [name, new Pool(url, { connections: null, keepAliveTimeout: 30_000 })]));
  http
    .createServer((req, res) => {
      const slash = req.url.indexOf("/", 1);
      const pool = pools.get(req.url.slice(1, slash));
      if (!pool) return void res.writeHead(404).end();
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        pool
          .stream({ path: req.url.slice(slash), method: req.method, headers: { "content-type": req.headers["content-type"] ?? "" }, body: Buffer.concat(chunks) }, ({ statusCode, headers }) => {
            res.writeHead(statusCode, { "content-type": headers["content-type"], "content-length": headers["content-length"] });
            return res;
          })
          .catch(() => res.destroy());
      });
    })
    .listen(Number(port), "127.0.0.1");
}
