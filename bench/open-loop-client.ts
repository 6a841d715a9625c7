/**
 * An open-loop HTTP load client: sends at a constant RATE for SECONDS whatever the answers' speed, as
 * independent users do, and times each request from when it was due (not when it was sent), so a
 * stalled server shows in the figures instead of slowing the load. Its own process, so it shares no event
 * loop with what it measures. Usage: open-loop-client URL RATE SECONDS BODY_JSON [WARMUP_SECONDS].
 * The first WARMUP_SECONDS of the same constant load are sent and not counted: the connections a path
 * needs at that rate are opened before measuring, so each path is measured in its steady state rather
 * than while the client ramps up. Prints {count, errors, seconds, firstByteMs, totalMs} as one JSON line.
 */
import { Agent, request } from "undici";

const [url, rateArg, secondsArg, body, warmupArg = "0"] = process.argv.slice(2);
const rate = Number(rateArg);
const seconds = Number(secondsArg);
const warmupSeconds = Number(warmupArg);
// No connection cap: an open-loop client opens what the load needs, as many clients would.
const agent = new Agent({ connections: null, keepAliveTimeout: 30_000, pipelining: 1 });
const firstByteMs: number[] = [];
const totalMs: number[] = [];
let errors = 0;

async function one(dueAt: number, measured: boolean) {
  // Sent late: timed from when it was due. Sent up to a millisecond early (timers are coarse): from now.
  dueAt = Math.min(dueAt, performance.now());
  try {
    const response = await request(url!, { method: "POST", body, headers: { "content-type": "application/json" }, dispatcher: agent });
    const headersAt = performance.now();
    await response.body.arrayBuffer();
    if (!measured) return;
    if (response.statusCode !== 200) errors++;
    else {
      firstByteMs.push(headersAt - dueAt);
      totalMs.push(performance.now() - dueAt);
    }
  } catch {
    if (measured) errors++;
  }
}

const warmup = Math.round(rate * warmupSeconds);
const total = warmup + Math.round(rate * seconds);
const intervalMs = 1000 / rate;
const began = performance.now();
const pending: Promise<void>[] = [];
for (let i = 0; i < total; i++) {
  const dueAt = began + i * intervalMs;
  const wait = dueAt - performance.now();
  // Timers fire late by a millisecond or more; requests already due are sent at once, in a burst.
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  pending.push(one(dueAt, i >= warmup));
}
await Promise.all(pending);
const elapsed = (performance.now() - began) / 1000 - warmupSeconds;
await agent.close();
process.stdout.write(`${JSON.stringify({ count: totalMs.length, errors, seconds: elapsed, firstByteMs, totalMs })}\n`);
