import http from "node:http";

/** Headers of one connection, not of the request: each hop sets its own. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade"]);

/**
 * Passes a console request (pages, server actions, the API) from a gateway process to the Ebb process's
 * console over its private socket, streamed both ways, headers as they are but those of the connection.
 */
export function consoleProxy(socketPath: string): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  return (req, res) => {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
    let answered = false;
    const upstream = http.request({ socketPath, agent, method: req.method, path: req.url, headers }, (answer) => {
      answered = true;
      const raw: string[] = [];
      for (let i = 0; i < answer.rawHeaders.length; i += 2) {
        if (!HOP_BY_HOP.has(answer.rawHeaders[i]!.toLowerCase())) raw.push(answer.rawHeaders[i]!, answer.rawHeaders[i + 1]!);
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, raw);
      // Streamed pages and event streams reach the browser chunk by chunk.
      res.flushHeaders();
      answer.pipe(res);
      // Answered before the whole body was sent (a 413, a refused upload): the rest of the body is
      // read and dropped here, so the client's keep-alive connection stays good for its next request.
      answer.on("end", () => {
        if (req.readableEnded) return;
        req.unpipe(upstream);
        upstream.destroy();
        req.resume();
      });
      // Cut before its end: so is the client's answer (a complete one has ended res already).
      answer.on("close", () => {
        if (!answer.complete) res.destroy();
      });
    });
    upstream.on("error", (error) => {
      // After the answer (a body cut short above): the answer stands.
      if (answered) return;
      const body = JSON.stringify({ error: { code: "console_unavailable", message: `The console did not answer: ${error.message}` } });
      res.writeHead(502, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
    });
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  };
}
