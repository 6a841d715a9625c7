import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopback, mayScrapeMetrics, serveMetrics } from "@/lib/http/metrics-endpoint";

describe("who may scrape /metrics", () => {
  it("is a connection from loopback, in any of its spellings", () => {
    for (const address of ["127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1"]) expect(isLoopback(address), address).toBe(true);
    for (const address of ["192.0.2.2", "10.0.0.1", "::ffff:10.0.0.1", "fd00::2", "", "127.example.com", "::"]) expect(isLoopback(address), address).toBe(false);
  });

  it("is not a request a proxy on this machine relayed for someone else", () => {
    expect(mayScrapeMetrics("127.0.0.1", {})).toBe(true);
    expect(mayScrapeMetrics("127.0.0.1", { "x-forwarded-for": "203.0.113.9" })).toBe(false);
    expect(mayScrapeMetrics("::1", { forwarded: "for=203.0.113.9" })).toBe(false);
    expect(mayScrapeMetrics(undefined, {})).toBe(false);
  });
});

describe("/metrics over real connections", () => {
  let server: http.Server;
  let port: number;
  // An address of this machine that is not loopback: what a scraper on another machine connects from.
  const outside = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === "IPv4")?.address;

  beforeAll(async () => {
    server = http.createServer((req, res) => void serveMetrics(req, res, async () => "ebb_up 1\n"));
    await new Promise<void>((resolve) => server.listen(0, "0.0.0.0", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("serves the exposition on loopback and refuses it from the network or through a proxy", async () => {
    const local = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(local.status).toBe(200);
    expect(await local.text()).toBe("ebb_up 1\n");

    expect(outside, "this machine has a non-loopback IPv4 address").toBeTruthy();
    const remote = await fetch(`http://${outside}:${port}/metrics`);
    expect(remote.status).toBe(403);
    expect(await remote.text()).not.toContain("ebb_up");

    const proxied = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(proxied.status).toBe(403);
  });
});
