import type http from "node:http";
import { Gauge, Histogram, Registry } from "prom-client";
import { applyLocalPrices } from "@/lib/costs/prices";
import { onEndpointChanged } from "@/lib/endpoint-changes";
import { Controller, type ControllerOptions } from "@/lib/controller/controller";
import { advisoryLockLeader, neverLeader, soleLeader } from "@/lib/controller/leader";
import type { ClusterBus } from "@/lib/cluster/bus";
import { LoadRelay } from "@/lib/cluster/load-relay";
import { SharedReplicaDirectory } from "@/lib/cluster/shared-directory";
import { KubernetesReplicaSets } from "@/lib/providers/kubernetes/provider";
import type { ReplicaStore } from "@/lib/providers/local/replica";
import * as store from "@/lib/controller/store";
import { Gateway, type EndpointTarget, type GatewayDeps, type GatewayOptions, type Replica } from "@/lib/gateway/gateway";
import type { HostedEngine } from "@/lib/gateway/remote/host";
import { LoadTracker } from "@/lib/gateway/load";
import { RefreshingCache } from "@/lib/gateway/refreshing-cache";
import { RequestStats } from "@/lib/gateway/stats";
import { LocalProvider, type LocalProviderOptions } from "@/lib/providers/local/provider";
import { env } from "@/lib/env";
import { replicasByEbb } from "@/lib/domain/providers";
import { mayReceiveToken } from "@/lib/providers/huggingface/token-destinations";
import { callerForApiToken } from "@/lib/services/api-tokens";
import { huggingFaceToken } from "@/lib/services/provider-connections";
import { kubernetesConnection } from "@/lib/services/kubernetes-connection";

export interface EngineOptions {
  /** PostgreSQL URL for leader election; absent with PGlite (one process, always the leader). */
  databaseUrl?: string;
  /** The other Ebb processes on the same PostgreSQL (see lib/cluster): replicas, load and wakes are shared. */
  cluster?: ClusterBus;
  /** false: this process never leads (a gateway-only role), so it never runs replicas. */
  mayLead?: boolean;
  controller?: Partial<Pick<ControllerOptions, "tickMs" | "sampleEveryMs" | "flushEveryMs" | "warmUpMs" | "failedAfter" | "windows" | "rollupEveryMs" | "rawRetentionMs" | "learnEveryMs" | "huggingface" | "onReconciled">>;
  provider?: Partial<Omit<LocalProviderOptions, "store" | "onEvent">>;
  gateway?: GatewayOptions;
  /** How long a looked-up endpoint is trusted before it is read again. */
  directoryTtlMs?: number;
}

export interface Engine {
  gateway: Gateway;
  controller: Controller;
  provider: LocalProvider;
  stats: RequestStats;
  load: LoadTracker;
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
  /** What gateways in other processes are served from (see GatewayHost). */
  hosted: HostedEngine;
  /** Prometheus exposition: gateway traffic, replicas per endpoint, the controller's passes. */
  prometheus(): Promise<string>;
  /** The first step of a clean stop: see Gateway.drain. */
  drain(): void;
  stop(options: { stopReplicas: boolean }): Promise<void>;
}

/**
 * The data plane and the control loop, wired together: gateway → local provider's replicas, load →
 * controller → provider. Runs in the console's process (server.ts) or on its own in tests.
 */
export async function startEngine(options: EngineOptions = {}): Promise<Engine> {
  await applyLocalPrices();
  const registry = new Registry();
  const load = new LoadTracker();
  const stats = new RequestStats(registry);
  const tickSeconds = new Histogram({
    name: "ebb_controller_reconcile_seconds",
    help: "Duration of one reconcile pass over the endpoints.",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  let controller: Controller | null = null;
  const cluster = options.cluster;
  const shared = cluster ? new SharedReplicaDirectory(cluster) : null;
  await shared?.start();
  const provider = new LocalProvider({
    store: cluster ? announcingStore(store.dbReplicaStore, cluster) : store.dbReplicaStore,
    onEvent: (event) => controller?.onProviderEvent(event),
    ...options.provider,
  });
  const clusters = new KubernetesReplicaSets(kubernetesConnection);
  controller = new Controller({
    provider,
    clusters,
    load,
    stats,
    leadership: options.mayLead === false ? neverLeader : options.databaseUrl ? advisoryLockLeader(options.databaseUrl) : soleLeader,
    ...options.controller,
    onReconciled: (seconds) => {
      tickSeconds.observe(seconds);
      options.controller?.onReconciled?.(seconds);
    },
  });

  const directory = new RefreshingCache<EndpointTarget | null>(async (key) => {
    const [namespace, name] = key.split("/") as [string, string];
    const row = await store.findEndpointByPath(namespace, name);
    return row
      ? {
          id: row.id,
          organizationId: row.organizationId,
          namespace: row.namespace,
          name: row.name,
          desiredState: row.desiredState,
          state: row.state,
          stateMessage: row.stateMessage,
          protected: row.protected,
          replicasByEbb: replicasByEbb(row.provider),
          provider: row.provider,
          providerUrl: row.providerUrl,
        }
      : null;
  }, options.directoryTtlMs ?? 1000);
  const resolve = async (namespace: string, name: string, { fresh = false } = {}): Promise<EndpointTarget | null> => {
    const target = await directory.get(`${namespace}/${name}`, { fresh });
    // A process that does not lead routes to a cluster's replicas too: it follows the workload from here on.
    if (target && clusters.handles(target.provider)) clusters.follow(target);
    return target;
  };


  // The provider token is read again every few seconds, not on every request to the endpoint.
  const tokens = new Map<string, { at: number; token: Promise<string | null> }>();
  const providerToken = (organizationId: string): Promise<string | null> => {
    const hit = tokens.get(organizationId);
    if (hit && Date.now() - hit.at < 5_000) return hit.token;
    const token = huggingFaceToken(organizationId).catch(() => null);
    tokens.set(organizationId, { at: Date.now(), token });
    return token;
  };

  const ctl = controller;
  const relay = cluster ? new LoadRelay(cluster, load, () => ctl.leading, (id) => ctl.activate(id)) : null;
  await relay?.start();
  // This process's own replicas when it leads (it knows before the database which are stopping); those
  // the leader recorded otherwise.
  // An endpoint on Kubernetes is reached through its cluster's service proxy, by the leader.
  const readyReplicas = (id: string): Replica[] => {
    const own = shared && !ctl.leading ? shared.replicas(id) : provider.ready(id);
    return own.length > 0 ? own : clusters.routes(id);
  };
  const onReplicaReady = (listener: (endpointId: string) => void) => {
    provider.onReady(listener);
    shared?.onReady(listener);
    clusters.onReady(listener);
  };
  const deps: GatewayDeps = {
    resolve,
    readyReplicas,
    onReplicaReady,
    activate: (id) => {
      ctl.activate(id);
      relay?.activate(id);
    },
    retryAfterSeconds: (id) => ctl.retryAfterSeconds(id),
    verifyToken: async (token, organizationId) => (await callerForApiToken(token))?.organizationId === organizationId,
    providerToken,
    mayReceiveProviderToken: (url) => mayReceiveToken(url, env().EBB_HF_ENDPOINT_DOMAINS),
    load,
    stats,
  };
  // The request body quota applies to every organization alike.
  const gateway = new Gateway(deps, { maxBodyBytes: env().EBB_QUOTA_BODY_BYTES, ...options.gateway });
  const hosted: HostedEngine = {
    deps,
    load,
    stats,
    directory() {
      const directory = new Map<string, Replica[]>();
      if (shared && !ctl.leading) {
        for (const [endpointId, replicas] of shared.entries()) directory.set(endpointId, replicas);
      } else {
        for (const replica of provider.all()) {
          if (replica.status !== "ready") continue;
          const list = directory.get(replica.endpointId) ?? [];
          list.push(replica);
          directory.set(replica.endpointId, list);
        }
      }
      for (const [endpointId, routes] of clusters.allRoutes()) directory.set(endpointId, routes);
      return directory;
    },
    onReplicaReady,
    setInFlight(replicaId, count) {
      const replica = provider.all().find((r) => r.id === replicaId) ?? shared?.find(replicaId);
      if (replica) replica.inFlight = count;
    },
  };
  provider.registerMetrics(registry);
  new Gauge({
    name: "ebb_leader",
    help: "1 while this process leads (runs the replicas and the control loop), 0 otherwise.",
    registers: [registry],
    collect() {
      this.set(ctl.leading ? 1 : 0);
    },
  });
  await controller.start();
  // A change made through the console or the API takes effect now, not at the next cache expiry or tick.
  const unsubscribe = onEndpointChanged(() => {
    directory.clear();
    ctl.kick();
  });

  return {
    gateway,
    controller,
    provider,
    stats,
    load,
    handle: (req, res) => gateway.handle(req, res),
    hosted,
    prometheus: () => registry.metrics(),
    drain() {
      gateway.drain();
    },
    async stop({ stopReplicas }) {
      unsubscribe();
      relay?.close();
      shared?.close();
      await ctl.stop({ stopReplicas });
      await gateway.close();
    },
  };
}

/** The replica records, announced to the other processes once written, so their gateways read them again. */
function announcingStore(inner: ReplicaStore, cluster: ClusterBus): ReplicaStore {
  return {
    listActive: () => inner.listActive(),
    async save(record) {
      await inner.save(record);
      cluster.publish("ebb_replicas_changed", { endpointId: record.endpointId });
    },
  };
}
