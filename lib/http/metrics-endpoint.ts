import type http from "node:http";
import { isIP } from "node:net";

/** An address of this machine's loopback interface: 127.0.0.0/8 and ::1, in IPv4 or IPv4-mapped form. */
export function isLoopback(address: string): boolean {
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith("127.");
  return address === "::1";
}

/**
 * `/metrics` names every organization's endpoints, so it is for a scraper on this machine only: the
 * connection comes from loopback and no proxy relayed it (a reverse proxy on the same machine connects
 * from loopback for every outside caller, and says so in its forwarding headers).
 */
export function mayScrapeMetrics(socketAddress: string | undefined, headers: http.IncomingHttpHeaders): boolean {
  return isLoopback(socketAddress ?? "") && headers["x-forwarded-for"] === undefined && headers.forwarded === undefined;
}

/** `peerAddress`: where the connection came from, when it reached this server through a gateway process. */
export async function serveMetrics(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  exposition: () => Promise<string>,
  peerAddress: string | undefined = req.socket.remoteAddress,
): Promise<void> {
  if (!mayScrapeMetrics(peerAddress, req.headers)) {
    res.writeHead(403, { "content-type": "text/plain" }).end("metrics are served to localhost only\n");
    return;
  }
  res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(await exposition());
}
