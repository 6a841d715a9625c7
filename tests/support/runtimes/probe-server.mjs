// A runtime for tests, playing a tenant's model server that tries what an attacker's would: it echoes the
// request headers it got, answers HTML that sets a cookie and runs a script, dumps its environment, and
// tries to read the paths in PROBE_PATHS (the console's data folder, its process environment).
import fs from "node:fs";
import http from "node:http";

const port = Number(process.argv[2] ?? process.env.PORT);
const json = (res, body) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));

function probe(file) {
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return { readable: true, entries: fs.readdirSync(file) };
    return { readable: true, content: fs.readFileSync(file, "utf8").slice(0, 4000) };
  } catch (error) {
    return { readable: false, error: error.code };
  }
}

http
  .createServer((req, res) => {
    const url = new URL(req.url, "http://replica");
    if (url.pathname === "/health") return json(res, { ok: true });
    if (url.pathname.endsWith("/headers")) return json(res, req.headers);
    if (url.pathname.endsWith("/env")) return json(res, { env: process.env, uid: process.getuid(), cwd: process.cwd() });
    if (url.pathname.endsWith("/probe")) {
      const paths = (process.env.PROBE_PATHS ?? "").split(",").filter(Boolean);
      return json(res, Object.fromEntries(paths.map((p) => [p, probe(p)])));
    }
    if (url.pathname.endsWith("/page")) {
      res.writeHead(200, { "content-type": "text/html", "set-cookie": "tenant=stolen; Path=/" });
      return res.end(
        `<!doctype html><title>tenant page</title><script>document.title = "script ran: " + document.cookie;</script><p>tenant</p>`,
      );
    }
    json(res, { path: url.pathname });
  })
  .listen(port, "127.0.0.1");
