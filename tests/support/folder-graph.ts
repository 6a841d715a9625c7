import fs from "node:fs";
import path from "node:path";

const ROOTS = ["app", "components", "lib"];
const IMPORT = /(?:import|export)\s[^"'`;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** The folder a file belongs to: app, components, lib/<folder>, or lib/<file> for a module at lib's top. */
export function folderOf(file: string): string {
  const parts = file.split(path.sep);
  if (parts[0] !== "lib") return parts[0]!;
  return `lib/${parts[1]!.replace(/\.(ts|tsx)$/, "")}`;
}

function sourceFiles(dir: string, root: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative, root);
    return /\.(ts|tsx)$/.test(entry.name) ? [relative] : [];
  });
}

/** Folder → the folders its files import from (itself left out). */
export function folderGraph(root: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of ROOTS.flatMap((r) => sourceFiles(r, root))) {
    const from = folderOf(file);
    if (!graph.has(from)) graph.set(from, new Set());
    for (const match of fs.readFileSync(path.join(root, file), "utf8").matchAll(IMPORT)) {
      const spec = match[1] ?? match[2]!;
      let target: string | null = null;
      if (spec.startsWith("@/")) target = spec.slice(2);
      else if (spec.startsWith(".")) target = path.normalize(path.join(path.dirname(file), spec));
      if (!target || !ROOTS.includes(target.split(path.sep)[0]!.split("/")[0]!)) continue;
      const to = folderOf(target.split("/").join(path.sep));
      if (to === "lib/") continue;
      if (to !== from) graph.get(from)!.add(to);
    }
  }
  return graph;
}

/** Each strongly connected group of folders (Tarjan), as one cycle to report. */
export function findFolderCycles(root: string): string[][] {
  const graph = folderGraph(root);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

function resolveSource(root: string, file: string): string | null {
  for (const candidate of [file, `${file}.ts`, `${file}.tsx`, path.join(file, "index.ts"), path.join(file, "index.tsx")]) {
    const full = path.join(root, candidate);
    if (fs.existsSync(full) && fs.statSync(full).isFile()) return candidate;
  }
  return null;
}

/** The project files `file` imports, resolved (packages left out); type-only imports leave no code behind. */
export function importsOf(root: string, file: string, { types = true } = {}): string[] {
  const found: string[] = [];
  for (const match of fs.readFileSync(path.join(root, file), "utf8").matchAll(IMPORT)) {
    if (!types && /^(import|export)\s+type\s/.test(match[0])) continue;
    const spec = match[1] ?? match[2]!;
    const target = spec.startsWith("@/") ? spec.slice(2) : spec.startsWith(".") ? path.join(path.dirname(file), spec) : null;
    const resolved = target && resolveSource(root, path.normalize(target));
    if (resolved) found.push(resolved);
  }
  return found;
}

/**
 * Every file that `file` reaches through its imports, itself included. A "use server" file is a
 * boundary: the browser gets references to its actions, never its code or its imports.
 */
export function reachableFrom(root: string, file: string): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    if (f !== file && /^["']use server["']/m.test(fs.readFileSync(path.join(root, f), "utf8"))) return;
    for (const next of importsOf(root, f, { types: false })) visit(next);
  };
  visit(file);
  return seen;
}

/** The files marked "use client": they are sent to the browser with all they import. */
export function clientFiles(root: string): string[] {
  return ROOTS.flatMap((r) => sourceFiles(r, root)).filter((f) => /^["']use client["']/m.test(fs.readFileSync(path.join(root, f), "utf8")));
}
