import { describe, expect, it } from "vitest";
import { describeWait, retryAfterSeconds } from "@/lib/domain/login-throttle";

const limit = { maxFailures: 3, windowSeconds: 600 };
const now = new Date("2026-01-01T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("retryAfterSeconds", () => {
  it("allows attempts below the limit", () => {
    expect(retryAfterSeconds([], limit, now)).toBe(0);
    expect(retryAfterSeconds([ago(10), ago(5)], limit, now)).toBe(0);
  });

  it("blocks at the limit until the oldest counted failure leaves the window", () => {
    expect(retryAfterSeconds([ago(100), ago(50), ago(10)], limit, now)).toBe(500);
  });

  it("ignores failures older than the window", () => {
    expect(retryAfterSeconds([ago(700), ago(650), ago(10)], limit, now)).toBe(0);
  });

  it("counts from the most recent failures when there are more than the limit", () => {
    expect(retryAfterSeconds([ago(590), ago(300), ago(200), ago(100)], limit, now)).toBe(300);
  });
});

describe("describeWait", () => {
  it("speaks in seconds under a minute and rounds minutes up", () => {
    expect(describeWait(1)).toBe("1 second");
    expect(describeWait(45)).toBe("45 seconds");
    expect(describeWait(60)).toBe("1 minute");
    expect(describeWait(61)).toBe("2 minutes");
    expect(describeWait(900)).toBe("15 minutes");
  });
});
