import { Command } from "commander";
import type { EndpointJson } from "../../api/endpoint-json";
import { api, CliError } from "../client";
import type { CliConfig } from "../config";
import { print, segment, type CliContext } from "../context";

type Action = "pause" | "resume" | "scale-to-zero";

const VERBS: Record<Action, string> = { pause: "Paused", resume: "Resumed", "scale-to-zero": "Scaling to zero" };
const DESCRIPTIONS: Record<Action, string> = {
  pause: "stop all replicas and refuse requests until resumed",
  resume: "serve again after a pause",
  "scale-to-zero": "stop the replicas now; the next request wakes the endpoint",
};

interface LifecycleFlags {
  all?: boolean;
  tag?: string;
  wait?: boolean;
  json?: boolean;
}

/** pause NAME, resume NAME, scale-to-zero NAME; pause and resume also act on --all or --tag T. */
export function lifecycleCommand(ctx: CliContext, action: Action): Command {
  const command = new Command(action).description(DESCRIPTIONS[action]).option("--json", "print JSON");
  if (action === "scale-to-zero") command.argument("<name>", "the endpoint");
  else {
    command
      .argument("[name]", "the endpoint (or --all / --tag)")
      .option("--all", "every endpoint of the organization")
      .option("--tag <tag>", "every endpoint with this tag");
    if (action === "resume") command.option("--wait", "wait until each serves again");
  }
  return command.action(async (name: string | undefined, flags: LifecycleFlags) => {
    const config = ctx.config();
    if (action !== "scale-to-zero" && (flags.all || flags.tag)) {
      if (name) throw new CliError("give a NAME, or --all / --tag, not both");
      return bulk(ctx, config, action, flags);
    }
    if (!name) throw new CliError(`ebb inference ${action} needs the endpoint's NAME (or --all / --tag)`);
    const endpoint = await api<EndpointJson>(config, "POST", `/endpoints/${segment(name)}/${action}`);
    print(ctx, flags.json, endpoint, () => `${VERBS[action]} ${endpoint.name} (state: ${endpoint.state})`);
  });
}

/** The endpoints --all or --tag T selects. */
async function selection(config: CliConfig, flags: LifecycleFlags): Promise<EndpointJson[]> {
  if (flags.all && flags.tag) throw new CliError("use either --all or --tag");
  const { items } = await api<{ items: EndpointJson[] }>(config, "GET", `/endpoints${flags.tag ? `?tag=${encodeURIComponent(flags.tag)}` : ""}`);
  if (items.length === 0) throw new CliError(flags.tag ? `no endpoint has the tag ${flags.tag}` : "no endpoints");
  return items;
}

/**
 * Pause or resume every selected endpoint, with a line per endpoint as it goes; with --wait, resume
 * then waits until each is serving again (running, or scaled to zero and ready to wake).
 */
async function bulk(ctx: CliContext, config: CliConfig, action: "pause" | "resume", flags: LifecycleFlags) {
  const targets = await selection(config, flags);
  let failed = 0;
  for (const [i, endpoint] of targets.entries()) {
    const already = action === "pause" ? endpoint.desiredState === "paused" : endpoint.desiredState === "running";
    const progress = `[${i + 1}/${targets.length}]`;
    if (already) {
      ctx.out(`${progress} ${endpoint.name}: already ${action === "pause" ? "paused" : "running"}`);
      continue;
    }
    try {
      await api(config, "POST", `/endpoints/${segment(endpoint.name)}/${action}`);
      ctx.out(`${progress} ${VERBS[action]} ${endpoint.name}`);
    } catch (error) {
      failed++;
      ctx.out(`${progress} ${endpoint.name}: ${(error as Error).message}`);
    }
  }
  if (action === "resume" && flags.wait) failed += await waitUntilServing(ctx, config, targets);
  if (failed > 0) throw new CliError(`${failed} of ${targets.length} endpoint(s) failed`);
}

/** Polls each endpoint until it runs (or sleeps at zero, ready to wake); answers how many failed. */
async function waitUntilServing(ctx: CliContext, config: CliConfig, targets: EndpointJson[]): Promise<number> {
  let failed = 0;
  const pending = new Set(targets.map((e) => e.name));
  const deadline = Date.now() + 10 * 60_000;
  while (pending.size > 0) {
    for (const name of [...pending]) {
      const e = await api<EndpointJson>(config, "GET", `/endpoints/${segment(name)}`);
      if (e.state === "running" || e.state === "scaledToZero") {
        pending.delete(name);
        ctx.out(`[${targets.length - pending.size}/${targets.length} ready] ${name}: ${e.state}`);
      } else if (e.state === "failed") {
        pending.delete(name);
        failed++;
        ctx.out(`${name}: failed${e.stateMessage ? `: ${e.stateMessage}` : ""}`);
      }
    }
    if (pending.size === 0) break;
    if (Date.now() > deadline) throw new CliError(`still waiting for ${[...pending].join(", ")}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  return failed;
}
