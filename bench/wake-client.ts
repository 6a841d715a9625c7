/**
 * Sends one request per line read on stdin ("go") to URL and prints its time to the last byte in
 * milliseconds and its status as a JSON line. Its own process, so the client does not share an event
 * loop with the console it measures. Usage: wake-client URL BODY_JSON.
 */
import readline from "node:readline";

const [url, body] = process.argv.slice(2);

for await (const _line of readline.createInterface({ input: process.stdin })) {
  const started = performance.now();
  const response = await fetch(url!, { method: "POST", headers: { "content-type": "application/json", "x-scale-up-timeout": "60" }, body });
  await response.text();
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, status: response.status })}\n`);
}
