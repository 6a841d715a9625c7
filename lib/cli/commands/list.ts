import { Command } from "commander";
import type { EndpointJson } from "../../api/endpoint-json";
import { api } from "../client";
import { print, type CliContext } from "../context";
import { table } from "../format";

export function listCommand(ctx: CliContext): Command {
  return new Command("list")
    .description("the organization's endpoints")
    .option("--json", "print JSON")
    .action(async ({ json }: { json?: boolean }) => {
      const { items } = await api<{ items: EndpointJson[] }>(ctx.config(), "GET", "/endpoints");
      print(ctx, json, items, () =>
        items.length === 0
          ? "No endpoints yet. Create one with `ebb inference create`."
          : table(
              ["NAME", "MODEL", "STATE", "READY/TARGET", "MIN-MAX", "URL"],
              items.map((e) => [e.name, e.model, e.state, `${e.replicas.ready}/${e.replicas.target}`, `${e.policy.minReplicas}-${e.policy.maxReplicas}`, e.url]),
            ),
      );
    });
}
