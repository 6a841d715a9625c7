import { describe, expect, it } from "vitest";
import { z } from "zod";
import { nulPaths, parseOrThrow } from "@/lib/domain/validation";
import { ValidationError } from "@/lib/errors";

const schema = z.strictObject({ name: z.string().min(2, "Too short.").max(3, "Too short."), tags: z.array(z.string()).optional() });

function fieldErrors(input: unknown): Record<string, string[]> {
  try {
    parseOrThrow(schema, input);
    return {};
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fieldErrors;
  }
}

describe("parseOrThrow", () => {
  it("returns the parsed value when it is valid", () => {
    expect(parseOrThrow(schema, { name: "ab" })).toEqual({ name: "ab" });
  });

  it("names each field, the root as _form, and an unknown key by itself", () => {
    expect(fieldErrors({ name: "a" })).toEqual({ name: ["Too short."] });
    expect(fieldErrors("text")).toEqual({ _form: ["Invalid input: expected object, received string"] });
    expect(fieldErrors({ name: "ab", nmae: "x" })).toEqual({ nmae: ["Unknown field."] });
  });

  it("says a message once even when two rules give it", () => {
    const twice = z.object({ v: z.string().max(1, "Bad.").refine((v) => v.length < 1, "Bad.") });
    expect(() => parseOrThrow(twice, { v: "xx" })).toThrow(ValidationError);
    try {
      parseOrThrow(twice, { v: "xx" });
    } catch (error) {
      expect((error as ValidationError).fieldErrors).toEqual({ v: ["Bad."] });
    }
  });

  it("refuses NUL characters by field before anything else, in values, array items and keys", () => {
    expect(fieldErrors({ name: "a\u0000b" })).toEqual({ name: ["Remove the NUL character."] });
    expect(fieldErrors({ name: "ab", tags: ["ok", "b\u0000d"] })).toEqual({ "tags.1": ["Remove the NUL character."] });
    expect(fieldErrors({ "na\u0000me": "ab" })).toEqual({ name: ["Remove the NUL character."] });
    expect(fieldErrors("\u0000")).toEqual({ _form: ["Remove the NUL character."] });
  });
});

describe("nulPaths", () => {
  it("finds every NUL, deep down, and nothing in clean values", () => {
    expect(nulPaths({ a: { b: ["x", "y\u0000"] }, c: 1, d: null })).toEqual([["a", "b", 1]]);
    expect(nulPaths({ a: "clean", b: [1, true, null] })).toEqual([]);
    expect(nulPaths(42)).toEqual([]);
  });

  it("stops at a depth no real input has, instead of recursing forever", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 30; i++) deep = { x: deep };
    expect(nulPaths(deep)).toEqual([]);
    let shallow: unknown = "\u0000";
    for (let i = 0; i < 20; i++) shallow = { x: shallow };
    expect(nulPaths(shallow)).toHaveLength(1);
  });
});
