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
});
