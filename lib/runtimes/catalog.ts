import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { dataDir, EnvError } from "@/lib/env";
import { BUILTIN_RUNTIME, RUNTIME_NAME_PATTERN } from "@/lib/domain/runtime";

export { BUILTIN_RUNTIME };

/**
 * The install's runtimes: what a local replica may run. Only the operator writes them (a JSON file on the
 * host); tenants pick one by name and never supply a command, so nothing a tenant sends reaches exec.
 */
export interface RuntimeDefinition {
  name: string;
  description: string;
  /** argv, run without a shell; "$PORT" and "$MODEL" inside an argument are replaced. */
  command: string[];
  healthPath: string;
  /** Variables the runtime needs, on top of the scrubbed environment every replica gets. */
  env: Record<string, string>;
  /** Seconds a replica of this runtime usually takes to load, shown while one starts. */
  expectedLoadSeconds: number | null;
  /** The container image with this command, for replicas on Kubernetes; null: this machine only. */
  image: string | null;
}

/** The built-in model server: always there, started from the bundle the engine writes at start. */
export const BUILTIN: RuntimeDefinition = {
  name: BUILTIN_RUNTIME,
  description: "Built-in demo model (word trigrams, OpenAI-compatible API)",
  command: [],
  healthPath: "/health",
  env: {},
  expectedLoadSeconds: 1,
  image: null,
};

const entrySchema = z.strictObject({
  name: z
    .string({ error: "name is required" })
    .regex(RUNTIME_NAME_PATTERN, "name must be 1–40 lowercase letters, digits, '.', '_' or '-'")
    .refine((n) => n !== BUILTIN_RUNTIME, `"${BUILTIN_RUNTIME}" is the built-in model server's name`),
  description: z.string().max(200).optional(),
  command: z
    .union([z.string(), z.array(z.string())], { error: 'command must be a string or an array of strings, with "$PORT" where the port goes' })
    .transform((c) => (typeof c === "string" ? c.trim().split(/\s+/).filter(Boolean) : c))
    .refine((argv) => argv.length > 0, "command is empty")
    .refine((argv) => argv.some((a) => a.includes("$PORT")), 'command must contain "$PORT" where the port to listen on goes'),
  healthPath: z.string().startsWith("/", "healthPath must start with /").default("/health"),
  env: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "env names are letters, digits and _"), z.string())
    .refine((e) => !("PORT" in e), "env may not set PORT: the replica's port is chosen per replica")
    .default({}),
  expectedLoadSeconds: z.number().min(0).max(24 * 3600).optional(),
  image: z.string().regex(/^[a-z0-9][\w./:@-]{0,254}$/, "image must be a container image reference, like vllm/vllm-openai:v0.6.3").optional(),
});

const fileSchema = z.strictObject({ runtimes: z.array(z.unknown()).default([]) });

/** Parses a catalog file's text; errors name the file, the entry and the field. */
export function parseRuntimeCatalog(text: string, source: string): RuntimeDefinition[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new EnvError(`Invalid runtime catalog ${source}: not JSON (${(error as Error).message})`);
  }
  const file = fileSchema.safeParse(json);
  if (!file.success) throw new EnvError(`Invalid runtime catalog ${source}: it must be {"runtimes": [ … ]}`);
  const runtimes: RuntimeDefinition[] = [BUILTIN];
  file.data.runtimes.forEach((raw, index) => {
    const label = typeof (raw as { name?: unknown })?.name === "string" ? `runtimes[${index}] "${(raw as { name: string }).name}"` : `runtimes[${index}]`;
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) {
      const problems = entry.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message));
      throw new EnvError(`Invalid runtime catalog ${source}: ${label}: ${problems.join("; ")}`);
    }
    if (runtimes.some((r) => r.name === entry.data.name)) throw new EnvError(`Invalid runtime catalog ${source}: ${label}: the name is used twice`);
    runtimes.push({
      name: entry.data.name,
      description: entry.data.description ?? entry.data.command[0]!,
      command: entry.data.command,
      healthPath: entry.data.healthPath,
      env: entry.data.env,
      expectedLoadSeconds: entry.data.expectedLoadSeconds ?? null,
      image: entry.data.image ?? null,
    });
  });
  return runtimes;
}

/**
 * The catalog file: EBB_RUNTIMES_FILE, else ebb.config.json in the data folder when it exists. Read from
 * the environment at each (re)load rather than from env()'s snapshot, so tests can point at a catalog.
 */
export function runtimeCatalogFile(): string | null {
  const explicit = process.env.EBB_RUNTIMES_FILE;
  if (explicit) return path.resolve(explicit);
  const inData = path.join(dataDir(), "ebb.config.json");
  return fs.existsSync(inData) ? inData : null;
}

function loadRuntimeCatalog(): RuntimeDefinition[] {
  const file = runtimeCatalogFile();
  if (!file) return [BUILTIN];
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new EnvError(`Cannot read the runtime catalog ${file}: ${(error as Error).message}`);
  }
  return parseRuntimeCatalog(text, file);
}

// Shared by the custom server and the Next.js bundle, which load this module separately.
const KEY = Symbol.for("ebb.runtimes");
const holder = globalThis as typeof globalThis & { [KEY]?: RuntimeDefinition[] };

/** The install's runtimes, the built-in one first. Read once; a bad file stops the start. */
export function runtimeCatalog(): RuntimeDefinition[] {
  holder[KEY] ??= loadRuntimeCatalog();
  return holder[KEY];
}

/** Reads the catalog file again (tests that write one, and the start's validation). */
export function reloadRuntimeCatalog(): RuntimeDefinition[] {
  holder[KEY] = loadRuntimeCatalog();
  return holder[KEY];
}

export function findRuntime(name: string): RuntimeDefinition | null {
  return runtimeCatalog().find((r) => r.name === name) ?? null;
}

/** What the form, the API and the CLI show: never the command. */
export function runtimeChoices(): Array<{ name: string; description: string; expectedLoadSeconds: number | null; containerImage: boolean }> {
  return runtimeCatalog().map(({ name, description, expectedLoadSeconds, image }) => ({ name, description, expectedLoadSeconds, containerImage: !!image }));
}
