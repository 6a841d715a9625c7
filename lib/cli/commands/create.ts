import { Command, Option } from "commander";
import type { EndpointJson } from "../../api/endpoint-json";
import { api } from "../client";
import { print, type CliContext } from "../context";
import { policyFrom, policyOptions, type PolicyFlags } from "../policy-flags";
import { showEndpoint } from "../show";

interface CreateFlags extends PolicyFlags {
  model: string;
  instanceType: string;
  provider?: string;
  runtime?: string;
  protected?: boolean;
  tag?: string[];
  json?: boolean;
}

export function createCommand(ctx: CliContext): Command {
  const command = new Command("create")
    .description("create an endpoint")
    .argument("<name>", "the endpoint's name (lowercase letters, digits, hyphens)")
    .requiredOption("--model <repo>", "the model repository, like org/model")
    .requiredOption("--instance-type <type>", "a local instance type, or a Hugging Face compute id")
    .addOption(new Option("--provider <provider>", "where it runs").choices(["local", "huggingface"]))
    .option("--runtime <name>", "what each replica runs (see ebb inference runtimes)")
    .option("--protected", "requests need an API token")
    .option("--tag <tag>", "a tag (repeat for more)", (value: string, previous: string[] = []) => [...previous, value])
    .option("--json", "print JSON");
  for (const option of policyOptions()) command.addOption(option);
  return command.action(async (name: string, flags: CreateFlags) => {
    const endpoint = await api<EndpointJson>(ctx.config(), "POST", "/endpoints", {
      name,
      model: flags.model,
      instanceType: flags.instanceType,
      ...(flags.provider ? { provider: flags.provider } : {}),
      ...(flags.runtime ? { runtime: { name: flags.runtime } } : {}),
      protected: flags.protected ?? false,
      tags: flags.tag ?? [],
      ...policyFrom(flags),
    });
    print(ctx, flags.json, endpoint, () => `Created ${endpoint.name}\n${showEndpoint(endpoint)}`);
  });
}
