import { Command } from "commander";
import type { EventJson } from "../../api/endpoint-json";
import type { ReplicaLogs } from "../../domain/replica-logs";
import { api } from "../client";
import { print, segment, type CliContext } from "../context";
import { table } from "../format";
import { wholeNumber } from "../policy-flags";

const time = (iso: string) => iso.replace("T", " ").slice(0, 19);

export function logsCommand(ctx: CliContext): Command {
  return new Command("logs")
    .description("the endpoint's lifecycle log, oldest first; with --replicas, what its replicas wrote")
    .argument("<name>", "the endpoint")
    .option("--limit <n>", "how many lifecycle entries", wholeNumber, 50)
    .option("--replicas", "the last lines each recent replica wrote to stdout and stderr")
    .option("--lines <n>", "with --replicas: how many lines per replica (1–500)", wholeNumber, 100)
    .option("--json", "print JSON")
    .action(async (name: string, { limit, replicas, lines, json }: { limit: number; replicas?: boolean; lines: number; json?: boolean }) => {
      if (replicas) {
        const result = await api<{ replicas: ReplicaLogs[] }>(ctx.config(), "GET", `/endpoints/${segment(name)}/logs?lines=${lines}`);
        print(ctx, json, result.replicas, () =>
          result.replicas.length === 0
            ? "No replica has run yet."
            : result.replicas
                .map((r) => [`replica ${r.id.slice(0, 8)} · ${r.status} · started ${time(r.startedAt)}`, ...(r.lines.length ? r.lines.map((l) => `${time(l.at)} ${l.stream.padEnd(6)} ${l.line}`) : ["(no output)"])].join("\n"))
                .join("\n\n"),
        );
        return;
      }
      const { items } = await api<{ items: EventJson[] }>(ctx.config(), "GET", `/endpoints/${segment(name)}/events?limit=${limit}`);
      print(ctx, json, items, () =>
        table(
          ["TIME", "ACTOR", "EVENT", "MESSAGE"],
          [...items].reverse().map((e) => [time(e.at), e.actor, e.kind, e.message]),
        ),
      );
    });
}
