import { Command } from "commander";
import type { EndpointJson } from "../../api/endpoint-json";
import { api } from "../client";
import { print, segment, type CliContext } from "../context";
import { showEndpoint } from "../show";

export function inspectCommand(ctx: CliContext): Command {
  return new Command("inspect")
    .description("one endpoint: state, replicas, policy, URL")
    .argument("<name>", "the endpoint")
    .option("--json", "print JSON")
    .action(async (name: string, { json }: { json?: boolean }) => {
      const endpoint = await api<EndpointJson>(ctx.config(), "GET", `/endpoints/${segment(name)}`);
      print(ctx, json, endpoint, () => showEndpoint(endpoint));
    });
}
