import { Command } from "commander";
import type { EndpointJson } from "../../api/endpoint-json";
import { api } from "../client";
import { print, segment, type CliContext } from "../context";

export function tagCommand(ctx: CliContext): Command {
  return new Command("tag")
    .description("replace the endpoint's tags (no --tag removes them)")
    .argument("<name>", "the endpoint")
    .option("--tag <tag>", "a tag (repeat for more)", (value: string, previous: string[] = []) => [...previous, value])
    .option("--json", "print JSON")
    .action(async (name: string, { tag, json }: { tag?: string[]; json?: boolean }) => {
      const endpoint = await api<EndpointJson>(ctx.config(), "PUT", `/endpoints/${segment(name)}/tags`, { tags: tag ?? [] });
      print(ctx, json, endpoint, () => `Tags of ${endpoint.name}: ${endpoint.tags.length ? endpoint.tags.join(", ") : "none"}`);
    });
}
