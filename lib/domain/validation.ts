import { z } from "zod";
import { ValidationError } from "@/lib/errors";

/**
 * Parses `input` with `schema`, or throws a ValidationError naming each bad field. Strings holding a NUL
 * character are refused first, by field: no database stores one, and no valid value has one.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const fieldErrors: Record<string, string[]> = {};
  const add = (path: PropertyKey[], message: string) => {
    const field = path.length > 0 ? path.map(String).join(".") : "_form";
    const messages = (fieldErrors[field] ??= []);
    if (!messages.includes(message)) messages.push(message);
  };
  for (const path of nulPaths(input)) add(path, "Remove the NUL character.");
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError(fieldErrors);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    // An unknown key is named itself, so the answer says which one to remove.
    if (issue.code === "unrecognized_keys") for (const key of issue.keys) add([...issue.path, key], "Unknown field.");
    else add(issue.path, issue.message);
  }
  throw new ValidationError(fieldErrors);
}

/** Where in a JSON-like value a string (or key) holds a NUL character. */
export function nulPaths(value: unknown, path: PropertyKey[] = [], depth = 0): PropertyKey[][] {
  if (typeof value === "string") return value.includes("\0") ? [path] : [];
  if (depth > 20 || value === null || typeof value !== "object") return [];
  const found: PropertyKey[][] = [];
  for (const [key, child] of Object.entries(value)) {
    if (key.includes("\0")) found.push([...path, key.replaceAll("\0", "")]);
    found.push(...nulPaths(child, [...path, Array.isArray(value) ? Number(key) : key], depth + 1));
  }
  return found;
}
