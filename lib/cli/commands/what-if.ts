import { Command } from "commander";
import type { EndpointJson } from "../../api/endpoint-json";
import type { PolicyView, Recommendation, WhatIf } from "../../domain/what-if";
import { api } from "../client";
import { print, segment, type CliContext } from "../context";
import { table } from "../format";
import { wholeNumber } from "../policy-flags";

const dollars = (n: number) => `$${n.toFixed(2)}`;
const signed = (n: number) => `${n < 0 ? "-" : "+"}$${Math.abs(n).toFixed(2)}`;
const seconds = (n: number | null) => (n === null ? "–" : `${n.toFixed(1)} s`);

function describePolicy(p: PolicyView): string {
  if (!p.autoscaling) return `${p.maxReplicas} fixed`;
  const zero = p.scaleToZeroAuto ? ", auto zero" : `, zero after ${p.scaleToZeroMinutes} min`;
  return `min ${p.minReplicas}, max ${p.maxReplicas}, target ${p.targetConcurrency}${p.minReplicas === 0 ? zero : ""}`;
}

function whatIfText(w: WhatIf): string {
  const ratio = (r: number | null) => (r === null ? "–" : `${Math.round(r * 100)} %`);
  return [
    `${w.requests} requests from ${w.from.slice(0, 16).replace("T", " ")} to ${w.to.slice(0, 16).replace("T", " ")} UTC; starts of ${w.coldStartSeconds.toFixed(1)} s${w.coldStartMeasured ? " (measured)" : ""}`,
    `Recorded: ${w.recorded.replicaHours.toFixed(2)} replica-h, ${dollars(w.recorded.cost)}, ${w.recorded.coldStarts} cold starts. ` +
      `Replay of the current policy: ${ratio(w.agreement.replicaHours)} of the replica-hours, ${ratio(w.agreement.cost)} of the cost, cold starts ${w.agreement.coldStarts >= 0 ? "+" : ""}${w.agreement.coldStarts}${w.agreement.within ? "" : " (outside 10 %)"}`,
    "",
    table(
      ["POLICY", "", "REPLICA-H", "COST", "PER MONTH", "COLD STARTS", "DELAYED", "P50 DELAY", "FRONTIER"],
      w.points.map((p) => [
        p.current ? "current" : p.label,
        describePolicy(p.policy),
        p.outcome.replicaHours.toFixed(2),
        dollars(p.outcome.cost),
        p.current ? "" : signed(p.monthlyCostChange),
        String(p.outcome.coldStarts),
        String(p.outcome.delayedRequests),
        seconds(p.outcome.delayP50Seconds),
        p.frontier ? "yes" : "",
      ]),
    ),
    ...(w.recommendation ? ["", recommendationText(w.recommendation)] : []),
    ...(w.note ? ["", w.note] : []),
  ].join("\n");
}

function recommendationText(r: Recommendation): string {
  return `Recommended: ${r.label} (${describePolicy(r.policy)}), ${signed(r.monthlyCostChange)} a month.\n${r.reason}`;
}

export function whatIfCommand(ctx: CliContext): Command {
  return new Command("what-if")
    .description("replay the endpoint's recorded traffic under its policy and alternatives: cost against cold starts")
    .argument("<name>", "the endpoint")
    .option("--days <n>", "how many days back (1–30)", wholeNumber, 7)
    .option("--json", "print JSON")
    .action(async (name: string, { days, json }: { days: number; json?: boolean }) => {
      const result = await api<WhatIf>(ctx.config(), "GET", `/endpoints/${segment(name)}/what-if?days=${days}`);
      print(ctx, json, result, () => whatIfText(result));
    });
}

export function recommendCommand(ctx: CliContext): Command {
  return new Command("recommend")
    .description("a suggested policy from the endpoint's recorded traffic; --apply sets it")
    .argument("<name>", "the endpoint")
    .option("--days <n>", "how many days back (1–30)", wholeNumber, 7)
    .option("--apply", "change the endpoint's policy to the recommended one")
    .option("--json", "print JSON")
    .action(async (name: string, { days, apply, json }: { days: number; apply?: boolean; json?: boolean }) => {
      const config = ctx.config();
      const result = await api<{ days: number; current: PolicyView; recommendation: Recommendation | null; note: string | null }>(
        config,
        "GET",
        `/endpoints/${segment(name)}/recommendation?days=${days}`,
      );
      const recommendation = result.recommendation;
      if (apply && recommendation) {
        const endpoint = await api<EndpointJson>(config, "PATCH", `/endpoints/${segment(name)}`, recommendation.policy);
        print(ctx, json, { ...result, applied: endpoint.policy }, () => `${recommendationText(recommendation)}\nApplied to ${endpoint.name}: ${describePolicy(endpoint.policy)}.`);
        return;
      }
      print(ctx, json, result, () =>
        recommendation ? recommendationText(recommendation) : `No change recommended: the current policy (${describePolicy(result.current)}) is already the best trade for the last ${days} day(s).${result.note ? `\n${result.note}` : ""}`,
      );
    });
}
