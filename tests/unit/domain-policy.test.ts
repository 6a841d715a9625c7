import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createEndpointSchema, runtimeChoiceSchema, tagsSchema } from "@/lib/domain/endpoint";
import { DEFAULT_REPLICA_QUOTA, policySchema, toScalingPolicy } from "@/lib/domain/policy";

/** The field → messages a schema gives for `input` (none when it is valid). */
function errors(schema: z.ZodType, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) (out[issue.path.join(".")] ??= []).push(issue.message);
  return out;
}

describe("the policy schema", () => {
  const valid = { minReplicas: 0, maxReplicas: 2 };

  it("fills the defaults: auto-scaling on, a fixed 15 minutes to zero, 4 in flight per replica", () => {
    expect(policySchema().parse(valid)).toEqual({ autoscaling: true, minReplicas: 0, maxReplicas: 2, scaleToZeroMinutes: 15, targetConcurrency: 4, scaleToZeroAuto: false, coldStartWorthMinutes: null });
  });

  it("takes Auto scale-to-zero with a cold start's worth in whole minutes, and names a bad one", () => {
    expect(toScalingPolicy(policySchema().parse({ ...valid, scaleToZeroAuto: true, coldStartWorthMinutes: 30 }))).toMatchObject({ scaleToZeroAuto: true, coldStartWorthMinutes: 30 });
    // Auto applies to auto-scaling only: a fixed count never scales to zero.
    expect(toScalingPolicy(policySchema().parse({ ...valid, autoscaling: false, scaleToZeroAuto: true })).scaleToZeroAuto).toBe(false);
    expect(errors(policySchema(), { ...valid, scaleToZeroAuto: "yes" })).toEqual({ scaleToZeroAuto: ["Auto scale-to-zero must be true or false."] });
    expect(errors(policySchema(), { ...valid, coldStartWorthMinutes: 0 })).toEqual({ coldStartWorthMinutes: ["A cold start's worth must be at least 1 minute."] });
    expect(errors(policySchema(), { ...valid, coldStartWorthMinutes: 2.5 })).toEqual({ coldStartWorthMinutes: ["A cold start's worth must be a whole number of minutes."] });
  });

  it("names each bad count with what would be valid", () => {
    expect(errors(policySchema(), { minReplicas: "1", maxReplicas: 2 })).toEqual({ minReplicas: ["Min Accels must be a number."] });
    expect(errors(policySchema(), { minReplicas: 1.5, maxReplicas: 2 })).toEqual({ minReplicas: ["Min Accels must be a whole number."] });
    expect(errors(policySchema(), { minReplicas: -1, maxReplicas: 2 })).toEqual({ minReplicas: ["Min Accels cannot be negative."] });
    expect(errors(policySchema(), { minReplicas: 0, maxReplicas: 0 })).toEqual({ maxReplicas: ["Max Accels must be at least 1."] });
    expect(errors(policySchema(), { minReplicas: 0, maxReplicas: -1 }).maxReplicas).toEqual(["Max Accels cannot be negative.", "Max Accels must be at least 1."]);
    expect(errors(policySchema(), { minReplicas: 3, maxReplicas: 2 })).toEqual({ minReplicas: ["Min Accels (3) cannot be above Max Accels (2)."] });
  });

  it("takes min equal to max, and max exactly at the quota but not above", () => {
    expect(errors(policySchema(), { minReplicas: 2, maxReplicas: 2 })).toEqual({});
    expect(errors(policySchema(), { minReplicas: 0, maxReplicas: DEFAULT_REPLICA_QUOTA })).toEqual({});
    expect(errors(policySchema(), { minReplicas: 0, maxReplicas: DEFAULT_REPLICA_QUOTA + 1 })).toEqual({
      maxReplicas: [`Max Accels can be at most ${DEFAULT_REPLICA_QUOTA}, your organization's replica quota.`],
    });
    expect(errors(policySchema(5), { minReplicas: 0, maxReplicas: 6 }).maxReplicas).toEqual(["Max Accels can be at most 5, your organization's replica quota."]);
  });

  it("bounds the timeout to 1 minute … 7 days and the target to 1 … 1000", () => {
    const at = (extra: object) => errors(policySchema(), { ...valid, ...extra });
    expect(at({ scaleToZeroMinutes: 1 })).toEqual({});
    expect(at({ scaleToZeroMinutes: 7 * 24 * 60 })).toEqual({});
    expect(at({ scaleToZeroMinutes: 0 })).toEqual({ scaleToZeroMinutes: ["Scale to zero after must be at least 1 minute."] });
    expect(at({ scaleToZeroMinutes: 7 * 24 * 60 + 1 })).toEqual({ scaleToZeroMinutes: ["Scale to zero after can be at most 7 days."] });
    expect(at({ scaleToZeroMinutes: 2.5 })).toEqual({ scaleToZeroMinutes: ["Scale to zero after must be a whole number of minutes."] });
    expect(at({ scaleToZeroMinutes: "5" })).toEqual({ scaleToZeroMinutes: ["Scale to zero after must be a number of minutes."] });
    expect(at({ targetConcurrency: 1 })).toEqual({});
    expect(at({ targetConcurrency: 1000 })).toEqual({});
    expect(at({ targetConcurrency: 0 })).toEqual({ targetConcurrency: ["Target concurrency must be at least 1."] });
    expect(at({ targetConcurrency: 1001 })).toEqual({ targetConcurrency: ["Target concurrency can be at most 1000."] });
    expect(at({ targetConcurrency: 1.5 })).toEqual({ targetConcurrency: ["Target concurrency must be a whole number."] });
    expect(at({ targetConcurrency: "4" })).toEqual({ targetConcurrency: ["Target concurrency must be a number."] });
  });

  it("turns the form's minutes into the engine's seconds, and auto-scaling off into min = max", () => {
    expect(toScalingPolicy(policySchema().parse({ minReplicas: 0, maxReplicas: 3, scaleToZeroMinutes: 5 }))).toEqual({
      autoscaling: true,
      minReplicas: 0,
      maxReplicas: 3,
      scaleToZeroSeconds: 300,
      targetConcurrency: 4,
      scaleToZeroAuto: false,
      coldStartWorthMinutes: null,
    });
    expect(toScalingPolicy(policySchema().parse({ autoscaling: false, minReplicas: 0, maxReplicas: 3 }))).toMatchObject({ autoscaling: false, minReplicas: 3, maxReplicas: 3 });
  });
});

describe("the create schema", () => {
  const valid = { name: "chat", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1 };

  it("fills local, public, untagged, the built-in runtime", () => {
    expect(createEndpointSchema().parse(valid)).toMatchObject({ provider: "local", protected: false, tags: [], runtime: { name: "builtin" } });
  });

  it("names a bad name, model, provider and instance type with what would be valid", () => {
    expect(errors(createEndpointSchema(), { ...valid, name: "Chat!" })).toEqual({
      name: ["Use 1–32 lowercase letters, digits and hyphens, starting and ending with a letter or digit."],
    });
    expect(errors(createEndpointSchema(), { ...valid, name: 5 })).toEqual({ name: ["Enter a name."] });
    expect(errors(createEndpointSchema(), { ...valid, model: "chat" })).toEqual({ model: ["Enter a model repository, like org/model."] });
    expect(errors(createEndpointSchema(), { ...valid, model: 5 })).toEqual({ model: ["Enter a model repository, like org/model."] });
    expect(errors(createEndpointSchema(), { ...valid, model: `a/${"b".repeat(200)}` })).toEqual({ model: ["A model repository has at most 200 characters."] });
    expect(errors(createEndpointSchema(), { ...valid, provider: "aws" })).toEqual({ provider: ["Choose a provider: local, huggingface or kubernetes."] });
    expect(errors(createEndpointSchema(), { ...valid, instanceType: "" }).instanceType?.[0]).toBe("Choose an instance type.");
    expect(errors(createEndpointSchema(), { ...valid, instanceType: 7 }).instanceType?.[0]).toBe("Choose an instance type.");
    expect(errors(createEndpointSchema(), { ...valid, instanceType: "x".repeat(101) }).instanceType?.[0]).toBe("Choose one of the listed instance types.");
  });

  it("accepts names at the edges of the pattern, and leaves Hugging Face's instance types to its catalog", () => {
    for (const name of ["a", "a1", "a-b", "x".repeat(32)]) expect(errors(createEndpointSchema(), { ...valid, name })).toEqual({});
    for (const name of ["-a", "a-", "x".repeat(33), ""]) expect(Object.keys(errors(createEndpointSchema(), { ...valid, name }))).toEqual(["name"]);
    expect(errors(createEndpointSchema(), { ...valid, provider: "huggingface", instanceType: "aws-us-east-1-nvidia-l4-x1" })).toEqual({});
  });

  it("sorts and de-duplicates tags, and refuses bad ones", () => {
    expect(tagsSchema.parse(["b", "a", "b"])).toEqual(["a", "b"]);
    expect(errors(tagsSchema, ["Bad Tag"])).toEqual({ "0": ["Tags use lowercase letters, digits, '.', '_' and '-', up to 40 characters."] });
    expect(errors(tagsSchema, Array.from({ length: 21 }, (_, i) => `t${i}`))).toEqual({ "": ["At most 20 tags."] });
    expect(errors(tagsSchema, Array.from({ length: 20 }, (_, i) => `t${i}`))).toEqual({});
  });
});

describe("the runtime choice", () => {
  it("is a name, with emulation settings for the built-in server only", () => {
    expect(runtimeChoiceSchema.parse({})).toEqual({ name: "builtin" });
    expect(runtimeChoiceSchema.parse({ name: " llama-server " })).toEqual({ name: "llama-server" });
    expect(runtimeChoiceSchema.parse({ name: "builtin", loadSeconds: 90, tokensPerSecond: 20 })).toEqual({ name: "builtin", loadSeconds: 90, tokensPerSecond: 20 });
    expect(errors(runtimeChoiceSchema, { name: "vllm", loadSeconds: 5 })).toEqual({ loadSeconds: ["loadSeconds and tokensPerSecond apply to the built-in runtime only."] });
    expect(errors(runtimeChoiceSchema, { name: "vllm", tokensPerSecond: 5 })).toEqual({ loadSeconds: ["loadSeconds and tokensPerSecond apply to the built-in runtime only."] });
  });

  it("refuses a command, naming it, and any other unknown field", () => {
    expect(errors(runtimeChoiceSchema, { name: "builtin", command: "id" })).toEqual({
      command: ["Runtimes come from the operator's catalog: choose one by name; a command cannot be given."],
    });
    for (const key of ["args", "healthPath", "env", "image"]) expect(Object.keys(errors(runtimeChoiceSchema, { [key]: "x" }))).toEqual([key]);
    expect(errors(runtimeChoiceSchema, { kind: "builtin" })).toEqual({ kind: ["Unknown field; a runtime has only name, loadSeconds, tokensPerSecond."] });
  });

  it("bounds the emulation and the name", () => {
    expect(errors(runtimeChoiceSchema, { name: "Not A Name" })).toEqual({ name: ["Choose one of the listed runtimes."] });
    expect(errors(runtimeChoiceSchema, { name: 5 })).toEqual({ name: ["Choose a runtime by name."] });
    expect(errors(runtimeChoiceSchema, "builtin")).toEqual({ "": ['runtime must be an object like {"name": "builtin"}.'] });
    expect(errors(runtimeChoiceSchema, { loadSeconds: 600 })).toEqual({});
    expect(Object.keys(errors(runtimeChoiceSchema, { loadSeconds: 601 }))).toEqual(["loadSeconds"]);
    expect(Object.keys(errors(runtimeChoiceSchema, { loadSeconds: -1 }))).toEqual(["loadSeconds"]);
    expect(errors(runtimeChoiceSchema, { loadSeconds: "5" })).toEqual({ loadSeconds: ["loadSeconds must be a number."] });
    expect(errors(runtimeChoiceSchema, { tokensPerSecond: 10_000 })).toEqual({});
    expect(Object.keys(errors(runtimeChoiceSchema, { tokensPerSecond: 10_001 }))).toEqual(["tokensPerSecond"]);
    expect(errors(runtimeChoiceSchema, { tokensPerSecond: "5" })).toEqual({ tokensPerSecond: ["tokensPerSecond must be a number."] });
  });
});
