import { describe, expect, it } from "vitest";
import { LoadTracker } from "@/lib/gateway/load";

describe("the load the autoscaler sees", () => {
  it("averages requests in flight over each period, weighted by time", () => {
    let now = 0;
    const load = new LoadTracker(() => now);
    load.begin("e");
    now = 500;
    load.begin("e");
    now = 1000;
    // 1 request for 0.5 s, then 2 for 0.5 s: 1.5 on average.
    expect(load.sampleAll(60_000).get("e")).toEqual([{ at: 1000, concurrency: 1.5 }]);
    expect(load.pending("e")).toBe(2);
  });

  it("counts requests held for a cold start as waiting, and as the start's backlog until they end, not as load", () => {
    let now = 0;
    const load = new LoadTracker(() => now);
    for (let i = 0; i < 10; i++) {
      load.begin("e");
      load.held("e");
    }
    now = 1000;
    expect(load.pending("e")).toBe(10);
    expect(load.sampleAll(60_000).get("e")!.at(-1)!.concurrency).toBe(0);
    // A replica is ready at 1.0 s and answers the ten; two new requests arrive and find it ready.
    load.begin("e");
    load.begin("e");
    now = 2000;
    expect(load.sampleAll(60_000).get("e")!.at(-1)!.concurrency).toBe(2);
    for (let i = 0; i < 10; i++) {
      load.end("e");
      load.released("e");
    }
    expect(load.pending("e")).toBe(2);
    now = 3000;
    expect(load.sampleAll(60_000).get("e")!.at(-1)!.concurrency).toBe(2);
  });

  it("adds the load other Ebb processes report, and forgets a process that stopped reporting", () => {
    let now = 0;
    const here = new LoadTracker(() => now);
    const leader = new LoadTracker(() => now);
    here.begin("e");
    here.begin("e");
    here.held("e");
    now = 500;
    // One request in flight for 0.5 s (the held one is backlog), two pending.
    const [report] = here.report();
    expect(report).toEqual(["e", { area: 500, pending: 2, lastRequestAt: 0 }]);
    leader.applyRemote("b", ...report!);
    expect(leader.pending("e")).toBe(2);
    leader.begin("e");
    now = 1000;
    // Its own request for 0.5 s and the other process's 500 request-ms over one second: 1.
    expect(leader.sampleAll(60_000).get("e")).toEqual([{ at: 1000, concurrency: 1 }]);
    expect(leader.pending("e")).toBe(3);
    // The other process goes quiet (it died): after three seconds its requests no longer count.
    now = 4500;
    expect(leader.pending("e")).toBe(1);
    // A process whose requests ended says so once (with the 4 s its request was in flight), and is not
    // reported again while idle.
    here.end("e");
    here.released("e");
    here.end("e");
    expect(here.report()).toEqual([["e", { area: 4000, pending: 0, lastRequestAt: 0 }]]);
    expect(here.report()).toEqual([]);
  });
});
