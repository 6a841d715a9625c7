import { queryOptions } from "@tanstack/react-query";
import type { EventJson } from "@/lib/api/endpoint-json";
import type { EndpointView } from "@/lib/api/endpoint-view";
import { isTransitional } from "@/lib/domain/states";
import type { RangeKey } from "@/lib/domain/ranges";
import type { ReplicaLogs } from "@/lib/domain/replica-logs";
import type { SeriesPoint } from "@/lib/domain/series";
import type { Recommendation, WhatIf } from "@/lib/domain/what-if";

/** Query keys and fetchers of the console's endpoint views, in one place. */

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

const FAST_MS = 1000;
const SLOW_MS = 5000;

export const endpointListQuery = () =>
  queryOptions({
    queryKey: ["endpoints"],
    queryFn: () => getJson<{ items: EndpointView[] }>("/api/console/endpoints"),
    refetchInterval: (query) => (query.state.data?.items.some((e) => isTransitional(e.state, e.desiredState)) ? FAST_MS : SLOW_MS),
  });

export const endpointQuery = (name: string) =>
  queryOptions({
    queryKey: ["endpoints", name],
    queryFn: () => getJson<{ endpoint: EndpointView; events: EventJson[] }>(`/api/console/endpoints/${encodeURIComponent(name)}`),
    // Fast while the state is changing, slower once it has settled.
    refetchInterval: (query) => {
      const e = query.state.data?.endpoint;
      return e && isTransitional(e.state, e.desiredState) ? FAST_MS : SLOW_MS;
    },
  });

export interface SeriesResponse {
  range: RangeKey;
  bucketMs: number;
  points: SeriesPoint[];
  totalCost: number;
}

export const endpointSeriesQuery = (name: string, range: RangeKey) =>
  queryOptions({
    queryKey: ["endpoints", name, "series", range],
    queryFn: () => getJson<SeriesResponse>(`/api/console/endpoints/${encodeURIComponent(name)}/metrics?range=${range}`),
    // Rollups close a minute at a time: refreshing faster would show nothing new.
    refetchInterval: 15_000,
  });

export const replicaLogsQuery = (name: string) =>
  queryOptions({
    queryKey: ["endpoints", name, "logs"],
    queryFn: () => getJson<{ replicas: ReplicaLogs[] }>(`/api/console/endpoints/${encodeURIComponent(name)}/logs?lines=200`),
    // The controller writes new lines every few seconds.
    refetchInterval: 3000,
  });

export const whatIfQuery = (name: string, days: number) =>
  queryOptions({
    queryKey: ["endpoints", name, "what-if", days],
    queryFn: () => getJson<WhatIf>(`/api/console/endpoints/${encodeURIComponent(name)}/what-if?days=${days}`),
    // A replay of days of traffic: what a minute adds barely moves it.
    refetchInterval: 60_000,
    staleTime: 30_000,
  });

export const recommendationsQuery = () =>
  queryOptions({
    queryKey: ["endpoints", "recommendations"],
    queryFn: () => getJson<{ items: Array<{ name: string; recommendation: Recommendation }> }>("/api/console/recommendations"),
    refetchInterval: 60_000,
  });
