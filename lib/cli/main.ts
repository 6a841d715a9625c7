import readline from "node:readline/promises";
import { parseArgs } from "node:util";
import type { EndpointJson, EventJson } from "../api/endpoint-json";
import { api, CliError } from "./client";
import { loadConfig, saveConfig, type CliConfig } from "./config";
import { DAY_NAMES, describeSchedule } from "../domain/schedule";
import { details, table } from "./format";

const USAGE = `Usage:
  ebb login --url URL --token TOKEN
  ebb inference list [--json]
  ebb inference inspect NAME [--json]
  ebb inference runtimes [--json]               (the runtimes this install offers)
  ebb inference create NAME --model REPO --instance-type TYPE [--provider local|huggingface] [--runtime NAME]
        [--min-replicas N --max-replicas M | --replicas N] [--scale-to-zero-minutes N]
        [--target-concurrency N] [--protected] [--tag T]... [--json]
  ebb inference tag NAME --tag T [--tag U]...   (replaces the tags; no --tag removes them)
  ebb inference schedule NAME --days mon-fri --from 08:00 --to 19:00 [--timezone Europe/Paris] | --clear
  ebb inference scale NAME --min-replicas N --max-replicas M [--scale-to-zero-minutes N] [--json]
  ebb inference scale NAME --replicas N [--json]
  ebb inference pause NAME | resume NAME | scale-to-zero NAME [--json]
  ebb inference pause --all | --tag T
  ebb inference resume --all | --tag T [--wait]
  ebb inference delete NAME [--yes]
  ebb inference logs NAME [--limit N] [--json]`;

const OPTIONS = {
  url: { type: "string" },
  token: { type: "string" },
  json: { type: "boolean" },
  yes: { type: "boolean" },
  model: { type: "string" },
  "instance-type": { type: "string" },
  provider: { type: "string" },
  runtime: { type: "string" },
  "min-replicas": { type: "string" },
  "max-replicas": { type: "string" },
  replicas: { type: "string" },
  "scale-to-zero-minutes": { type: "string" },
  "target-concurrency": { type: "string" },
  protected: { type: "boolean" },
  limit: { type: "string" },
  tag: { type: "string", multiple: true },
  all: { type: "boolean" },
  wait: { type: "boolean" },
  days: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  timezone: { type: "string" },
  clear: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

/** A whole number flag, or a one-line error naming it. Left to the server to judge the value itself. */
function integer(flags: Flags, name: keyof Flags): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== "string" || raw.trim() === "" || !Number.isFinite(value)) throw new CliError(`--${name} must be a number, not "${raw}"`);
  return value;
}

/** The policy the flags describe: --replicas N is fixed scaling, min/max is auto-scaling. */
function policyFrom(flags: Flags, current?: EndpointJson["policy"]) {
  const replicas = integer(flags, "replicas");
  const min = integer(flags, "min-replicas");
  const max = integer(flags, "max-replicas");
  if (replicas !== undefined && (min !== undefined || max !== undefined)) throw new CliError("use either --replicas or --min-replicas/--max-replicas");
  const rest = {
    scaleToZeroMinutes: integer(flags, "scale-to-zero-minutes") ?? current?.scaleToZeroMinutes,
    targetConcurrency: integer(flags, "target-concurrency") ?? current?.targetConcurrency,
  };
  if (replicas !== undefined) return { autoscaling: false, minReplicas: replicas, maxReplicas: replicas, ...rest };
  if (min === undefined && max === undefined && !current) throw new CliError("give --min-replicas and --max-replicas, or --replicas");
  return { autoscaling: true, minReplicas: min ?? current?.minReplicas, maxReplicas: max ?? current?.maxReplicas, ...rest };
}

function showEndpoint(e: EndpointJson): string {
  const p = e.policy;
  return details([
    ["Name", e.name],
    ["Model", e.model],
    ["Provider", `${e.provider} (${e.instanceType})`],
    ...(e.runtime ? [["Runtime", e.runtime.name] as [string, string]] : []),
    ["State", e.stateMessage ? `${e.state}: ${e.stateMessage}` : e.state],
    ["Replicas", `${e.replicas.ready} ready / ${e.replicas.target} target`],
    ["Scaling", p.autoscaling ? `auto ${p.minReplicas}–${p.maxReplicas}, target ${p.targetConcurrency} in flight per replica` : `fixed ${p.maxReplicas}`],
    ["Scale to zero", p.autoscaling && p.minReplicas === 0 ? `after ${p.scaleToZeroMinutes} min idle` : "never (Min Accels above 0)"],
    ["URL", e.url],
    ["Protected", e.protected ? "yes (Authorization: Bearer <API token>)" : "no"],
  ]);
}

function requireConfig(): CliConfig {
  const config = loadConfig();
  if (!config) throw new CliError("not logged in: run `ebb login --url URL --token TOKEN`");
  return config;
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new CliError("refusing to delete without confirmation: pass --yes");
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(question);
  rl.close();
  return answer.trim().toLowerCase() === "y" || answer.trim().toLowerCase() === "yes";
}

export async function run(argv: string[], out: (text: string) => void): Promise<void> {
  const { values: flags, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [group, command, name] = positionals;
  const print = (json: unknown, text: () => string) => out(flags.json ? JSON.stringify(json, null, 2) : text());

  if (flags.help || !group) return out(USAGE);
  if (group === "login") {
    if (!flags.url || !flags.token) throw new CliError("give --url and --token");
    const config = { url: flags.url, token: flags.token };
    const me = await api<{ user: { email: string }; organization: { name: string }; role: string }>(config, "GET", "/me");
    const file = saveConfig(config);
    return out(`Logged in to ${flags.url} as ${me.user.email} (${me.role} of ${me.organization.name}); saved in ${file}`);
  }
  if (group !== "inference" || !command) throw new CliError(`unknown command "${positionals.join(" ")}"; see ebb --help`);

  const config = requireConfig();
  const needName = () => {
    if (!name) throw new CliError(`ebb inference ${command} needs the endpoint's NAME`);
    return encodeURIComponent(name);
  };

  switch (command) {
    case "list": {
      const { items } = await api<{ items: EndpointJson[] }>(config, "GET", "/endpoints");
      return print(items, () =>
        items.length === 0
          ? "No endpoints yet. Create one with `ebb inference create`."
          : table(
              ["NAME", "MODEL", "STATE", "READY/TARGET", "MIN-MAX", "URL"],
              items.map((e) => [e.name, e.model, e.state, `${e.replicas.ready}/${e.replicas.target}`, `${e.policy.minReplicas}-${e.policy.maxReplicas}`, e.url]),
            ),
      );
    }
    case "runtimes": {
      const { items } = await api<{ items: Array<{ name: string; description: string }> }>(config, "GET", "/runtimes");
      return print(items, () => table(["NAME", "DESCRIPTION"], items.map((r) => [r.name, r.description])));
    }
    case "inspect": {
      const endpoint = await api<EndpointJson>(config, "GET", `/endpoints/${needName()}`);
      return print(endpoint, () => showEndpoint(endpoint));
    }
    case "create": {
      const path = needName();
      const endpoint = await api<EndpointJson>(config, "POST", "/endpoints", {
        name: decodeURIComponent(path),
        model: flags.model,
        instanceType: flags["instance-type"],
        ...(flags.provider ? { provider: flags.provider } : {}),
        ...(flags.runtime ? { runtime: { name: flags.runtime } } : {}),
        protected: flags.protected ?? false,
        tags: flags.tag ?? [],
        ...policyFrom(flags),
      });
      return print(endpoint, () => `Created ${endpoint.name}\n${showEndpoint(endpoint)}`);
    }
    case "scale": {
      const path = needName();
      const current = await api<EndpointJson>(config, "GET", `/endpoints/${path}`);
      const endpoint = await api<EndpointJson>(config, "PATCH", `/endpoints/${path}`, policyFrom(flags, current.policy));
      const p = endpoint.policy;
      return print(endpoint, () => `Scaled ${endpoint.name}: ${p.autoscaling ? `auto-scaling ${p.minReplicas}–${p.maxReplicas} replicas` : `${p.maxReplicas} fixed replicas`}`);
    }
    case "tag": {
      const endpoint = await api<EndpointJson>(config, "PUT", `/endpoints/${needName()}/tags`, { tags: flags.tag ?? [] });
      return print(endpoint, () => `Tags of ${endpoint.name}: ${endpoint.tags.length ? endpoint.tags.join(", ") : "none"}`);
    }
    case "schedule": {
      const path = needName();
      const schedule = flags.clear
        ? null
        : { timezone: flags.timezone ?? "UTC", days: parseDays(flags.days), start: flags.from ?? "", end: flags.to ?? "" };
      const endpoint = await api<EndpointJson>(config, "PUT", `/endpoints/${path}/schedule`, { schedule });
      return print(endpoint, () => (endpoint.schedule ? `Schedule of ${endpoint.name}: ${describeSchedule(endpoint.schedule)}` : `${endpoint.name} runs at all times`));
    }
    case "pause":
    case "resume":
      if (flags.all || flags.tag) return bulk(config, command, flags, out);
    // falls through: one endpoint by name
    case "scale-to-zero": {
      const endpoint = await api<EndpointJson>(config, "POST", `/endpoints/${needName()}/${command}`);
      const verb = { pause: "Paused", resume: "Resumed", "scale-to-zero": "Scaling to zero" }[command];
      return print(endpoint, () => `${verb} ${endpoint.name} (state: ${endpoint.state})`);
    }
    case "delete": {
      const path = needName();
      if (!flags.yes && !(await confirm(`Delete endpoint ${name}? Its URL stops answering. [y/N] `))) return out("Not deleted.");
      await api(config, "DELETE", `/endpoints/${path}`);
      return print({ deleted: name }, () => `Deleted ${name}`);
    }
    case "logs": {
      const limit = integer(flags, "limit") ?? 50;
      const { items } = await api<{ items: EventJson[] }>(config, "GET", `/endpoints/${needName()}/events?limit=${limit}`);
      return print(items, () =>
        table(
          ["TIME", "ACTOR", "EVENT", "MESSAGE"],
          [...items].reverse().map((e) => [e.at.replace("T", " ").slice(0, 19), e.actor, e.kind, e.message]),
        ),
      );
    }
    default:
      throw new CliError(`unknown command "inference ${command}"; see ebb --help`);
  }
}

/** "mon-fri", "sat,sun", "mon,wed-fri" → ISO weekdays. */
export function parseDays(value: string | undefined): number[] {
  if (!value) throw new CliError("give --days, like mon-fri or sat,sun");
  const index = (day: string) => {
    const i = DAY_NAMES.findIndex((d) => d.toLowerCase() === day.trim().toLowerCase().slice(0, 3));
    if (i < 0) throw new CliError(`unknown day "${day}" in --days`);
    return i + 1;
  };
  return value.split(",").flatMap((part) => {
    const [from, to] = part.split("-");
    if (to === undefined) return [index(from!)];
    const days: number[] = [];
    for (let d = index(from!); ; d = (d % 7) + 1) {
      days.push(d);
      if (d === index(to)) return days;
    }
  });
}

/** The endpoints --all or --tag T selects. */
async function selection(config: CliConfig, flags: Flags): Promise<EndpointJson[]> {
  if (flags.all && flags.tag) throw new CliError("use either --all or --tag");
  const tag = flags.tag?.[0];
  if (flags.tag && flags.tag.length > 1) throw new CliError("give one --tag for bulk actions");
  const { items } = await api<{ items: EndpointJson[] }>(config, "GET", `/endpoints${tag ? `?tag=${encodeURIComponent(tag)}` : ""}`);
  if (items.length === 0) throw new CliError(tag ? `no endpoint has the tag ${tag}` : "no endpoints");
  return items;
}

/**
 * Pause or resume every selected endpoint, with a line per endpoint as it goes; with --wait, resume
 * then waits until each is serving again (running, or scaled to zero and ready to wake).
 */
async function bulk(config: CliConfig, command: "pause" | "resume", flags: Flags, out: (text: string) => void) {
  const targets = await selection(config, flags);
  const verb = command === "pause" ? "Paused" : "Resumed";
  let failed = 0;
  for (const [i, endpoint] of targets.entries()) {
    const already = command === "pause" ? endpoint.desiredState === "paused" : endpoint.desiredState === "running";
    const progress = `[${i + 1}/${targets.length}]`;
    if (already) {
      out(`${progress} ${endpoint.name}: already ${command === "pause" ? "paused" : "running"}`);
      continue;
    }
    try {
      await api(config, "POST", `/endpoints/${encodeURIComponent(endpoint.name)}/${command}`);
      out(`${progress} ${verb} ${endpoint.name}`);
    } catch (error) {
      failed++;
      out(`${progress} ${endpoint.name}: ${(error as Error).message}`);
    }
  }
  if (command === "resume" && flags.wait) {
    const pending = new Set(targets.map((e) => e.name));
    const deadline = Date.now() + 10 * 60_000;
    while (pending.size > 0) {
      for (const name of [...pending]) {
        const e = await api<EndpointJson>(config, "GET", `/endpoints/${encodeURIComponent(name)}`);
        if (e.state === "running" || e.state === "scaledToZero") {
          pending.delete(name);
          out(`[${targets.length - pending.size}/${targets.length} ready] ${name}: ${e.state}`);
        } else if (e.state === "failed") {
          pending.delete(name);
          failed++;
          out(`${name}: failed${e.stateMessage ? `: ${e.stateMessage}` : ""}`);
        }
      }
      if (pending.size === 0) break;
      if (Date.now() > deadline) throw new CliError(`still waiting for ${[...pending].join(", ")}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  if (failed > 0) throw new CliError(`${failed} of ${targets.length} endpoint(s) failed`);
}

/** Runs the CLI as a program: output on stdout, a one-line reason on stderr and exit 1 on error. */
export async function main(argv = process.argv.slice(2)): Promise<number> {
  try {
    await run(argv, (text) => process.stdout.write(`${text}\n`));
    return 0;
  } catch (error) {
    const message = error instanceof CliError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") ? (error as Error).message : String(error);
    // One line: the parser's hints run over several, and the first says what is wrong.
    process.stderr.write(`ebb: ${message.split("\n")[0]}\n`);
    return 1;
  }
}
