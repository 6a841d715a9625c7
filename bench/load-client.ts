/**
 * A closed-loop HTTP load client, run as its own process so it does not share an event loop with what
 * it measures. Usage: load-client URL CONCURRENCY SECONDS BODY_JSON. Prints {count, errors, seconds,
 * latenciesMs} as one JSON line.
 */
import { Agent, request } from "undici";

const [url, concurrencyArg, secondsArg, body] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const seconds = Number(secondsArg);
const agent = new Agent({ connections: concurrency, keepAliveTimeout: 30_000 });
const latencies: number[] = [];
let errors = 0;
const end = performance.now() + seconds * 1000;

async function loop() {
  while (performance.now() < end) {
    const started = performance.now();
    try {
      const response = await request(url!, { method: "POST", body, headers: { "content-type": "application/json" }, dispatcher: agent });
      await response.body.arrayBuffer();
      if (response.statusCode !== 200) errors++;
      else latencies.push(performance.now() - started);
    } catch {
      errors++;
    }
  }
}

const began = performance.now();
await Promise.all(Array.from({ length: concurrency }, loop));
const elapsed = (performance.now() - began) / 1000;
await agent.close();
process.stdout.write(`${JSON.stringify({ count: latencies.length, errors, seconds: elapsed, latenciesMs: latencies })}\n`);
