import { describe, expect, it } from "vitest";
import { findFolderCycles, folderGraph } from "../support/folder-graph";

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
});
