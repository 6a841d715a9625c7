import http from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CLIENT_IP_HEADER, PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";
import { startFront, type Front } from "@/lib/front/front";
import { freePort } from "@/lib/providers/local/process";
import { HELD_HEADER } from "@/lib/domain/gateway-headers";
import type { Caller } from "@/lib/services/caller";
import { createOrganization } from "../support/accounts";
import { withTestDatabase } from "../support/database";
import { completion, createTestEndpoint, startTestEngine, waitFor, type TestEngine } from "../support/engine";

withTestDatabase();

let owner: Caller;
let test: TestEngine;
let front: Front;
let url: string;
/** What the console saw of the last request passed on to it. */
let consoleSaw: http.IncomingHttpHeaders = {};

beforeAll(async () => {
  owner = await createOrganization("Gateway Processes Org");
  test = await startTestEngine();
  const port = await freePort();
  // The gateway processes read the port from their environment, as `npm start`'s do.
  Object.assign(process.env, { PORT: String(port), HOST: "127.0.0.1" });
  url = `http://127.0.0.1:${port}`;
  front = await startFront({
    engine: test.engine,
    processes: 2,
    console: (req, res) => {
      // Refused unread, as the API refuses a body over its limit.
      if (req.url === "/too-large") return void res.writeHead(413, { "content-type": "application/json" }).end('{"error":"too large"}');
      consoleSaw = req.headers;
      res.writeHead(200, { "content-type": "text/plain", "set-cookie": "session=abc; HttpOnly" }).end(`console ${req.method} ${req.url}`);
    },
  });
}, 60_000);

afterAll(async () => {
  await front?.stop(5);
  await test?.close();
});

it("two gateway processes serve an endpoint, and the controller sees their traffic", async () => {
  const warm = await createTestEndpoint(owner, { name: "warm", min: 1, max: 1 });
  await waitFor(() => test.engine.provider.ready(warm.id).length === 1, 20_000, "the replica");
  expect(front.pids()).toHaveLength(2);

  // New connections each time: the kernel spreads them over both processes.
  const answers = await Promise.all(Array.from({ length: 40 }, () => completion(url, `/e/${owner.organizationSlug}/warm`)));
  expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
  expect((await answers[0]!.json()).choices[0].text.length).toBeGreaterThan(0);

  // Their requests reach the load tracker (the autoscaler's input) and the request counts.
  await waitFor(() => test.engine.load.lastRequestAt(warm.id) !== null, 2000, "the load report");
  await waitFor(async () => (await test.engine.prometheus()).match(new RegExp(`ebb_gateway_requests_total\\{endpoint="${owner.organizationSlug}/warm",code="200"\\} 40`)), 2000, "40 requests counted");
});

it("a request held on a gateway process wakes an endpoint at zero", async () => {
  const cold = await createTestEndpoint(owner, { name: "cold", min: 0, max: 1, scaleToZeroSeconds: 60 });
  const response = await completion(url, `/e/${owner.organizationSlug}/cold`, { scaleUpTimeout: 30 });
  expect(response.status).toBe(200);
  expect(Number(response.headers.get(HELD_HEADER))).toBeGreaterThan(0);
  expect(test.engine.provider.ready(cold.id)).toHaveLength(1);
});

it("the replicas' requests in flight are known to the engine, which drains on them", async () => {
  const slow = await createTestEndpoint(owner, { name: "slow", min: 1, max: 1, tokensPerSecond: 20 });
  await waitFor(() => test.engine.provider.ready(slow.id).length === 1, 20_000, "the replica");
  const inFlight = completion(url, `/e/${owner.organizationSlug}/slow`, { maxTokens: 20 });
  await waitFor(() => test.engine.provider.ready(slow.id)[0]?.inFlight === 1, 5000, "the request counted on its replica");
  expect((await inFlight).status).toBe(200);
  await waitFor(() => test.engine.provider.ready(slow.id)[0]?.inFlight === 0, 5000, "the request's end");
});

it("console requests are passed on with the client's address written by the gateway, not the client", async () => {
  const response = await fetch(`${url}/settings?tab=1`, { headers: { [CLIENT_IP_HEADER]: "203.0.113.9", [PEER_ADDRESS_HEADER]: "203.0.113.7", cookie: "a=b" } });
  expect(response.status).toBe(200);
  expect(await response.text()).toBe("console GET /settings?tab=1");
  expect(response.headers.get("set-cookie")).toBe("session=abc; HttpOnly");
  expect(consoleSaw[CLIENT_IP_HEADER]).toBe("127.0.0.1");
  // Written from the socket (the client's loopback value above is replaced, whatever it says).
  expect(consoleSaw[PEER_ADDRESS_HEADER]).toMatch(/^(127\.0\.0\.1|::ffff:127\.0\.0\.1)$/);
  expect(consoleSaw.cookie).toBe("a=b");
});

it("a console answer sent before the request's body was read leaves the client's connection good for the next request", async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (method: string, path: string, body?: Buffer) =>
    new Promise<number>((resolve, reject) => {
      const request = http.request(`${url}${path}`, { method, agent, headers: body ? { "content-length": body.length } : {} }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode!));
      });
      request.on("error", reject);
      request.end(body);
    });
  expect(await send("POST", "/too-large", Buffer.alloc(2 * 1024 * 1024, 120))).toBe(413);
  expect(await send("GET", "/after")).toBe(200);
  agent.destroy();
});

it("a gateway process that dies is replaced, and the port keeps serving", async () => {
  const [victim] = front.pids();
  process.kill(victim!, "SIGKILL");
  await waitFor(() => front.pids().length === 2 && !front.pids().includes(victim!), 15_000, "a new gateway process");
  const answers = await Promise.all(Array.from({ length: 10 }, () => completion(url, `/e/${owner.organizationSlug}/warm`)));
  expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
});

it("a stop drains: held requests are answered 503 at once, and the processes exit", async () => {
  await createTestEndpoint(owner, { name: "loading", min: 0, max: 1, scaleToZeroSeconds: 60, loadSeconds: 30 });
  const held = completion(url, `/e/${owner.organizationSlug}/loading`, { scaleUpTimeout: 60 });
  await waitFor(() => test.engine.load.wakesInProgress() > 0, 5000, "the held request");
  const pids = front.pids();
  const { drained } = await front.stop(10);
  expect(drained).toBe(true);
  const response = await held;
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("1");
  for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
});
