import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RefreshingCache } from "@/lib/gateway/refreshing-cache";

describe("the gateway's endpoint cache", () => {
  let version: number;
  let reads: number;
  let gate: Promise<void> | null;
  const read = async (key: string) => {
    reads++;
    const v = ++version;
    if (gate) await gate;
    return `${key}@${v}`;
  };

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(0);
    version = 0;
    reads = 0;
    gate = null;
  });
  afterEach(() => vi.useRealTimers());

  it("answers from memory within the TTL, and one read serves readers at once", async () => {
    const cache = new RefreshingCache(read, 1000);
    expect(await Promise.all([cache.get("a"), cache.get("a")])).toEqual(["a@1", "a@1"]);
    vi.setSystemTime(999);
    expect(await cache.get("a")).toBe("a@1");
    expect(reads).toBe(1);
  });

  it("past the TTL answers the old value at once while one read refreshes it", async () => {
    const cache = new RefreshingCache(read, 1000, 10_000);
    await cache.get("a");
    vi.setSystemTime(1500);
    let release!: () => void;
    gate = new Promise((r) => (release = r));
    // The refresh is held: the old value still answers, and a second reader starts no second read.
    expect(await cache.get("a")).toBe("a@1");
    expect(await cache.get("a")).toBe("a@1");
    expect(reads).toBe(2);
    release();
    await new Promise((r) => setImmediate(r));
    expect(await cache.get("a")).toBe("a@2");
  });

  it("waits for a read past the stale limit, when asked for a fresh value, and after a clear", async () => {
    const cache = new RefreshingCache(read, 1000, 10_000);
    await cache.get("a");
    vi.setSystemTime(10_000);
    expect(await cache.get("a")).toBe("a@2");
    expect(await cache.get("a", { fresh: true })).toBe("a@3");
    cache.clear();
    expect(await cache.get("a")).toBe("a@4");
  });

  it("forgets a failed read, so the next reader tries again", async () => {
    let fail = true;
    const cache = new RefreshingCache(async (key: string) => {
      if (fail) throw new Error("busy");
      return key;
    }, 1000);
    await expect(cache.get("a")).rejects.toThrow("busy");
    fail = false;
    expect(await cache.get("a")).toBe("a");
  });
});
