import { InvalidArgumentError, Option } from "commander";
import type { EndpointJson } from "../api/endpoint-json";
import { CliError } from "./client";

/** A whole number option; anything else is refused by the parser, naming the flag. */
export function wholeNumber(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError("must be a whole number");
  return Number(value);
}

export interface PolicyFlags {
  minReplicas?: number;
  maxReplicas?: number;
  replicas?: number;
  scaleToZeroMinutes?: number;
  targetConcurrency?: number;
  autoScaleToZero?: boolean;
  coldStartWorthMinutes?: number;
}

/** The scaling flags shared by create and scale. */
export function policyOptions(): Option[] {
  return [
    new Option("--min-replicas <n>", "Min Accels: auto-scaling's lower bound (0 scales to zero)").argParser(wholeNumber),
    new Option("--max-replicas <n>", "Max Accels: auto-scaling's upper bound").argParser(wholeNumber),
    new Option("--replicas <n>", "a fixed number of replicas (auto-scaling off)").argParser(wholeNumber),
    new Option("--scale-to-zero-minutes <n>", "idle minutes before scaling to zero (with Min 0)").argParser(wholeNumber),
    new Option("--target-concurrency <n>", "requests in flight per replica that scaling aims at").argParser(wholeNumber),
    new Option("--auto-scale-to-zero", "learn the scale-to-zero timeout from the endpoint's idle gaps (--scale-to-zero-minutes until it knows enough)"),
    new Option("--no-auto-scale-to-zero", "a fixed scale-to-zero timeout"),
    new Option("--cold-start-worth-minutes <n>", "with Auto: what a cold start is worth in minutes of replica time (default: from the measured start)").argParser(wholeNumber),
  ];
}

/** The policy the flags describe: --replicas N is fixed scaling, min/max is auto-scaling. */
export function policyFrom(flags: PolicyFlags, current?: EndpointJson["policy"]) {
  const { replicas, minReplicas: min, maxReplicas: max } = flags;
  if (replicas !== undefined && (min !== undefined || max !== undefined)) throw new CliError("use either --replicas or --min-replicas/--max-replicas");
  const rest = {
    scaleToZeroMinutes: flags.scaleToZeroMinutes ?? current?.scaleToZeroMinutes,
    targetConcurrency: flags.targetConcurrency ?? current?.targetConcurrency,
    scaleToZeroAuto: flags.autoScaleToZero ?? current?.scaleToZeroAuto,
    coldStartWorthMinutes: flags.coldStartWorthMinutes ?? current?.coldStartWorthMinutes,
  };
  if (replicas !== undefined) return { autoscaling: false, minReplicas: replicas, maxReplicas: replicas, ...rest };
  if (min === undefined && max === undefined && !current) throw new CliError("give --min-replicas and --max-replicas, or --replicas");
  return { autoscaling: true, minReplicas: min ?? current?.minReplicas, maxReplicas: max ?? current?.maxReplicas, ...rest };
}
