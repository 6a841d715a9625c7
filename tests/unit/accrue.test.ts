import { describe, expect, it } from "vitest";
import { accrue } from "@/lib/costs/accrue";

const H = 3_600_000;
const prices = [{ from: 0, pricePerHour: 1.2, storagePricePerHour: 0.012 }];

describe("accrue", () => {
  it("charges replicas × hours × price, and storage while at zero", () => {
    const samples = [
      { at: 0, ready: 2, target: 2 },
      { at: H, ready: 0, target: 0 },
    ];
    const cost = accrue(samples, prices, 0, 3 * H);
    expect(cost.billedSeconds).toBe(2 * 3600);
    expect(cost.storageSeconds).toBe(2 * 3600);
    expect(cost.computeCost).toBeCloseTo(2.4, 10);
    expect(cost.storageCost).toBeCloseTo(0.024, 10);
    expect(cost.maxTarget).toBe(2);
  });

  it("charges nothing before the first sample and splits at a price change", () => {
    const samples = [{ at: H, ready: 1, target: 1 }];
    const versioned = [...prices, { from: 2 * H, pricePerHour: 2.4, storagePricePerHour: 0.012 }];
    const cost = accrue(samples, versioned, 0, 3 * H);
    expect(cost.computeCost).toBeCloseTo(1.2 + 2.4, 10);
  });

  it("adds up exactly over consecutive intervals", () => {
    const samples = [
      { at: 0, ready: 0, target: 1 },
      { at: 20_000, ready: 1, target: 1 },
      { at: 95_000, ready: 3, target: 3 },
      { at: 150_000, ready: 0, target: 0 },
    ];
    const whole = accrue(samples, prices, 0, 180_000);
    const parts = [0, 60_000, 120_000].map((s) => accrue(samples, prices, s, s + 60_000));
    expect(parts.reduce((n, p) => n + p.computeCost, 0)).toBeCloseTo(whole.computeCost, 12);
    expect(parts.reduce((n, p) => n + p.readySeconds, 0)).toBe(whole.readySeconds);
  });
});
