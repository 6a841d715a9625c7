// A replica for the gateway benches: answers every request with a small JSON body after DELAY_MS
// (0: at once), so what is measured is the proxy in front of it, not a model. Plain JavaScript: it is
// started as a runtime, with no transpiler. Usage: node upstream-server.mjs PORT
import http from "node:http";

const delayMs = Number(process.env.DELAY_MS ?? 0);
const body = JSON.stringify({ id: "bench", object: "text_completion", choices: [{ index: 0, text: " ok", finish_reason: "stop" }] });
const headers = { "content-type": "application/json", "content-length": Buffer.byteLength(body) };

const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    if (delayMs > 0) setTimeout(() => res.writeHead(200, headers).end(body), delayMs);
    else res.writeHead(200, headers).end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2]), "127.0.0.1", () => console.log(`ready on ${process.argv[2]}`));
