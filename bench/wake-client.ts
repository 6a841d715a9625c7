/**
 * Sends one request per line read on stdin ("go") to URL and prints, as a JSON line, its status, its time
 * to the last byte in milliseconds, and when it was sent and its first byte came (epoch milliseconds, to
 * set beside the engine's own times). Its own process, so the client does not share an event loop with
 * the console it measures. Usage: wake-client URL BODY_JSON.
 */
import readline from "node:readline";
import { request } from "undici";

const [url, body] = process.argv.slice(2);
const epochNow = () => performance.timeOrigin + performance.now();

for await (const _line of readline.createInterface({ input: process.stdin })) {
  const started = performance.now();
  const sentAt = epochNow();
  const response = await request(url!, { method: "POST", headers: { "content-type": "application/json", "x-scale-up-timeout": "60" }, body });
  const firstByteAt = epochNow();
  await response.body.text();
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, status: response.statusCode, sentAt, firstByteAt })}\n`);
}
