import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientFiles, findFolderCycles, folderGraph, reachableFrom } from "../support/folder-graph";

describe("the source folders", () => {
  it("import each other without a cycle (type imports included)", () => {
    expect(findFolderCycles(process.cwd())).toEqual([]);
  });

  it("keep the pure domain free of the layers above it, and components free of app", () => {
    const graph = folderGraph(process.cwd());
    expect([...(graph.get("lib/domain") ?? [])].filter((f) => !["lib/env", "lib/errors"].includes(f))).toEqual([]);
    expect([...(graph.get("components") ?? [])]).not.toContain("app");
    // Pages and routes reach data through the services only.
    expect([...(graph.get("app") ?? [])].filter((f) => ["lib/db", "lib/costs", "lib/controller"].includes(f))).toEqual([]);
    expect(graph.size).toBeGreaterThan(10);
  });

  it("never bring the data layer into a browser bundle: no client file reaches the database, the services or the engine", () => {
    const files = clientFiles(process.cwd());
    expect(files.length).toBeGreaterThan(20);
    const leaks = files.flatMap((file) =>
      [...reachableFrom(process.cwd(), file)]
        .filter((f) => /^lib\/(db|services|controller|providers\/local|gateway|costs)\//.test(f) || f === "lib/env.ts")
        .map((f) => `${file} → ${f}`),
    );
    expect(leaks).toEqual([]);
  });

  it("tell providers apart only in their registry and their own folders", () => {
    const allowed = /^(lib\/providers\/|lib\/domain\/providers\.ts$|lib\/services\/(placement|provider-offers|huggingface|provider-connections|kubernetes-connection)\.ts$|lib\/controller\/(external-syncs|huggingface-sync)\.ts$|lib\/hf\/)/;
    const branches: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && !allowed.test(file)) {
          for (const [i, line] of fs.readFileSync(file, "utf8").split("\n").entries()) {
            if (/[!=]==\s*"(local|huggingface|kubernetes)"|"(local|huggingface|kubernetes)"\s*[!=]==/.test(line)) branches.push(`${file}:${i + 1}`);
          }
        }
      }
    };
    for (const root of ["app", "components", "lib"]) walk(root);
    expect(branches).toEqual([]);
  });
});
