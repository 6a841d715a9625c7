import type { LoggedRequest } from "@/lib/domain/request-log";
import type { EndpointTarget } from "../gateway";

/**
 * Messages between a gateway process (a worker serving the public port) and the Ebb process that runs
 * the controller and the replicas. The gateway asks for what it cannot know (an endpoint by path, whether
 * a token is valid), is told which replicas are ready, and reports its traffic in batches.
 */

export type LoadEventKind = "begin" | "end" | "held" | "released";
/** [kind, endpoint id, epoch ms when it happened] */
export type LoadEvent = [LoadEventKind, string, number];
/** [endpoint id, "namespace/name", status, latency ms, logged request for replays] */
export type RecordEvent = [string, string, number, number, LoggedRequest | null];

export type Call =
  | { op: "resolve"; namespace: string; name: string; fresh: boolean }
  | { op: "verifyToken"; token: string; organizationId: string }
  | { op: "providerToken"; organizationId: string };

export interface Resolved {
  target: EndpointTarget | null;
  /** What to tell a client that must wait for this endpoint's cold start. */
  retryAfterSeconds: number;
}

export type DirectoryEntry = [string, ([string, string] | [string, string, Record<string, string>])[]];

export type ToPrimary =
  /** Sent once the gateway listens for messages (earlier ones would be lost): it is sent the directory. */
  | { t: "hello" }
  | ({ t: "call"; id: number } & Call)
  | { t: "activate"; endpointId: string }
  /** inFlight: [replica id, requests this gateway has in flight on it] for each count that changed. */
  | { t: "traffic"; load: LoadEvent[]; records: RecordEvent[]; inFlight: [string, number][] };

export type ToGateway =
  | { t: "reply"; id: number; value?: unknown; error?: string }
  /** Every endpoint's ready replicas: [endpoint id, [replica id, url, headers to send it?][]][] */
  | { t: "replicas"; directory: DirectoryEntry[] }
  | { t: "endpoints-changed" }
  | { t: "drain" };
