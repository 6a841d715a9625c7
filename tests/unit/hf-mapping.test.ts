import { describe, expect, it } from "vitest";
import type { HfEndpoint } from "@/lib/providers/huggingface/client";
import { observedFromHf, policyFromHf, sameScaling, toHfScaling } from "@/lib/providers/huggingface/mapping";

function hf(status: Partial<HfEndpoint["status"]>): HfEndpoint {
  return {
    name: "ep",
    type: "authenticated",
    compute: { instanceType: "intel-icl", instanceSize: "x2", accelerator: "cpu", scaling: { minReplica: 0, maxReplica: 2, scaleToZeroTimeout: 15 } },
    model: { repository: "acme/chat" },
    status: { state: "running", createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z", ...status },
  };
}

describe("Ebb's policy in Hugging Face's terms", () => {
  it("sends the scale-to-zero timeout in minutes, and only when Min is 0", () => {
    expect(toHfScaling({ minReplicas: 0, maxReplicas: 2, scaleToZeroSeconds: 900 })).toEqual({ minReplica: 0, maxReplica: 2, scaleToZeroTimeout: 15 });
    expect(toHfScaling({ minReplicas: 1, maxReplicas: 4, scaleToZeroSeconds: 900 })).toEqual({ minReplica: 1, maxReplica: 4, scaleToZeroTimeout: null });
    // Seconds below a minute (set by tests and scripts) still give Hugging Face a valid timeout.
    expect(toHfScaling({ minReplicas: 0, maxReplicas: 1, scaleToZeroSeconds: 5 }).scaleToZeroTimeout).toBe(1);
  });

  it("tells a pushed scaling from a changed one", () => {
    const pushed = toHfScaling({ minReplicas: 0, maxReplicas: 2, scaleToZeroSeconds: 900 });
    expect(sameScaling(pushed, { minReplica: 0, maxReplica: 2, scaleToZeroTimeout: 15 })).toBe(true);
    expect(sameScaling(pushed, { minReplica: 0, maxReplica: 2, scaleToZeroTimeout: 30 })).toBe(false);
    expect(sameScaling(undefined, pushed)).toBe(false);
  });

  it("reads an adopted endpoint's scaling as a policy, fixed when min equals max", () => {
    expect(policyFromHf({ minReplica: 2, maxReplica: 2, scaleToZeroTimeout: null })).toMatchObject({ autoscaling: false, minReplicas: 2, maxReplicas: 2 });
    expect(policyFromHf({ minReplica: 0, maxReplica: 3, scaleToZeroTimeout: 60 })).toMatchObject({ autoscaling: true, minReplicas: 0, maxReplicas: 3, scaleToZeroSeconds: 3600 });
  });
});

describe("Hugging Face's status in Ebb's states", () => {
  it("keeps the shared state names and the replica counts", () => {
    expect(observedFromHf(hf({ state: "running", readyReplica: 2, targetReplica: 3, url: "https://x.endpoints.huggingface.cloud" }))).toEqual({
      state: "running",
      message: null,
      ready: 2,
      target: 3,
      url: "https://x.endpoints.huggingface.cloud",
    });
    expect(observedFromHf(hf({ state: "scaledToZero" }))).toMatchObject({ state: "scaledToZero", ready: 0, target: 0, url: null });
  });

  it("shows a failed update as Failed with the provider's message", () => {
    expect(observedFromHf(hf({ state: "updateFailed", message: "Image pull failed" }))).toMatchObject({ state: "failed", message: "Image pull failed" });
    expect(observedFromHf(hf({ state: "failed" }))).toMatchObject({ state: "failed", message: "The endpoint failed." });
  });

  it("treats a state it does not know as one still settling", () => {
    expect(observedFromHf(hf({ state: "somethingNew" })).state).toBe("pending");
  });
});
