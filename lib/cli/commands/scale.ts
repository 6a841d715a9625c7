import { Command } from "commander";
import type { EndpointJson } from "../../api/endpoint-json";
import { api } from "../client";
import { print, segment, type CliContext } from "../context";
import { policyFrom, policyOptions, type PolicyFlags } from "../policy-flags";

export function scaleCommand(ctx: CliContext): Command {
  const command = new Command("scale")
    .description("change the scaling policy: --min-replicas/--max-replicas, or --replicas for a fixed count")
    .argument("<name>", "the endpoint")
    .option("--json", "print JSON");
  for (const option of policyOptions()) command.addOption(option);
  return command.action(async (name: string, flags: PolicyFlags & { json?: boolean }) => {
    const config = ctx.config();
    const current = await api<EndpointJson>(config, "GET", `/endpoints/${segment(name)}`);
    const endpoint = await api<EndpointJson>(config, "PATCH", `/endpoints/${segment(name)}`, policyFrom(flags, current.policy));
    const p = endpoint.policy;
    print(ctx, flags.json, endpoint, () => `Scaled ${endpoint.name}: ${p.autoscaling ? `auto-scaling ${p.minReplicas}–${p.maxReplicas} replicas` : `${p.maxReplicas} fixed replicas`}`);
  });
}
