import type { Replica } from "@/lib/gateway/gateway";
import type { ClusterInstanceType } from "@/lib/domain/instance-types";
import { storedRuntime } from "@/lib/runtimes/stored";
import { findRuntime } from "@/lib/runtimes/catalog";
import { KubernetesWorkloads, kubeConfigFor, type KubernetesConnection, type WorkloadSpec } from "./workloads";

/** What the provider needs of an endpoint (a row of the controller's store). */
export interface ClusterEndpoint {
  id: string;
  organizationId: string;
  model: string;
  instanceType: string;
  runtime: unknown;
}

/** The port a runtime's container listens on: "$PORT" in its command becomes this. */
const CONTAINER_PORT = 8080;

/** An organization's cluster connection, with the resources of its instance types. */
export type ClusterConnection = KubernetesConnection & { instanceTypes: ClusterInstanceType[] };

interface Cluster {
  connection: ClusterConnection;
  /** Where and how the cluster is reached, to tell a changed connection (a new token, another cluster) from the same. */
  key: string;
  workloads: KubernetesWorkloads;
  started: Promise<void>;
}

/** How often an organization's connection is read again: a rotated token or another cluster is used within this. */
const CONNECTION_RECHECK_MS = 10_000;

interface EndpointOnCluster {
  organizationId: string;
  name: string;
  /** The last spec applied and count asked, so an unchanged tick costs no API call. */
  applied: string | null;
  scaled: number | null;
  /** The change under way: one at a time per endpoint, in order. */
  queue: Promise<void>;
  /** Why the last change failed, in the cluster's words. */
  error: string | null;
  /** Where its requests go: the service proxy, or each ready pod when Ebb runs in the cluster. */
  routes: Replica[];
  wasReady: boolean;
}

/**
 * The `kubernetes` provider: an endpoint's replicas are a Deployment and a Service in its organization's
 * cluster (Settings → Providers), sized by Ebb's own autoscaler through the scale subresource. The gateway
 * reaches them through the API server's service proxy, or at their pods' addresses when the cluster is the
 * one Ebb runs in. States come from the informers' view: ready replicas, and the kubelet's reason when
 * none can start (an image that cannot be pulled, a crash loop).
 */
export class KubernetesReplicaSets {
  private readonly clusters = new Map<string, { cluster: Promise<Cluster | null>; readAt: number }>();
  private readonly endpoints = new Map<string, EndpointOnCluster>();
  private readonly byName = new Map<string, string>();
  private readonly readyListeners: ((endpointId: string) => void)[] = [];
  /** The clusters whose connection has been read, for the synchronous questions of the controller. */
  private readonly known = new Map<string, Cluster>();

  /** Whether an endpoint of this provider has its replicas here. */
  handles(provider: string): boolean {
    return provider === "kubernetes";
  }

  /** `connectionOf` reads an organization's cluster connection (Settings → Providers). */
  constructor(private readonly connectionOf: (organizationId: string) => Promise<ClusterConnection | null>) {}

  /**
   * The organization's cluster, its connection read again every CONNECTION_RECHECK_MS: when it changed
   * (saved again, disconnected), the old watches stop and the organization's workloads are applied anew
   * to what it is now.
   */
  private cluster(organizationId: string, { fresh = false } = {}): Promise<Cluster | null> {
    const cached = this.clusters.get(organizationId);
    if (cached && !fresh && Date.now() - cached.readAt < CONNECTION_RECHECK_MS) return cached.cluster;
    const previous = cached?.cluster.catch(() => null);
    const cluster = this.connectionOf(organizationId).then(async (connection) => {
      const old = await previous;
      const key = connection ? accessKey(connection) : null;
      if (old && old.key === key) {
        // The same cluster: new instance types reach the Deployments through their specs, no new watches needed.
        old.connection = connection!;
        return old;
      }
      if (old) this.forget(organizationId, old);
      if (!connection) return null;
      const workloads = new KubernetesWorkloads(kubeConfigFor(connection), connection.namespace);
      const ready: Cluster = { connection, key: key!, workloads, started: workloads.start() };
      this.known.set(organizationId, ready);
      workloads.onChange((name) => this.changed(name));
      return ready;
    });
    this.clusters.set(organizationId, { cluster, readAt: Date.now() });
    // A failed read or start is tried again at the next change rather than cached.
    const retry = () => {
      if (this.clusters.get(organizationId)?.cluster === cluster) this.clusters.delete(organizationId);
    };
    void cluster.then((c) => c?.started.catch(retry), retry);
    return cluster;
  }

  /** Stops watching a cluster the organization no longer uses; its endpoints' specs and counts are applied anew. */
  private forget(organizationId: string, cluster: Cluster): void {
    cluster.workloads.stop();
    if (this.known.get(organizationId) === cluster) this.known.delete(organizationId);
    for (const entry of this.endpoints.values()) {
      if (entry.organizationId !== organizationId) continue;
      entry.applied = null;
      entry.scaled = null;
      entry.routes = [];
      entry.wasReady = false;
    }
  }

  /**
   * Follows an endpoint's workload without changing it, so that its route is known here: for a process
   * that serves the endpoint but does not lead. Cheap once following.
   */
  follow(endpoint: { id: string; organizationId: string }): void {
    if (this.endpoints.has(endpoint.id)) {
      // Reads the connection again when due, so that a follower too moves to a changed one.
      void this.cluster(endpoint.organizationId).catch(() => {});
      return;
    }
    const entry = this.entry(endpoint);
    void this.cluster(endpoint.organizationId)
      .then(async (cluster) => {
        await cluster?.started;
        this.changed(entry.name);
      })
      .catch(() => this.endpoints.delete(endpoint.id));
  }

  private entry(endpoint: { id: string; organizationId: string }): EndpointOnCluster {
    let entry = this.endpoints.get(endpoint.id);
    if (!entry) {
      entry = { organizationId: endpoint.organizationId, name: workloadName(endpoint.id), applied: null, scaled: null, queue: Promise.resolve(), error: null, routes: [], wasReady: false };
      this.endpoints.set(endpoint.id, entry);
      this.byName.set(entry.name, endpoint.id);
    }
    return entry;
  }

  /** Moves the endpoint toward `count` replicas; with `remove`, takes its Deployment and Service away. */
  scaleTo(endpoint: ClusterEndpoint, count: number, { remove = false } = {}): void {
    const entry = this.entry(endpoint);
    // The spec depends on the organization's instance types: known once its cluster has been read.
    const known = this.known.get(endpoint.organizationId);
    const knownKey = known ? JSON.stringify(workloadSpec(endpoint, entry.name, known.connection.instanceTypes)) : null;
    // Reads the connection again when due; a changed one resets what was applied.
    void this.cluster(endpoint.organizationId).catch(() => {});
    if (!remove && knownKey !== null && entry.applied === knownKey && entry.scaled === count) return;
    if (remove && entry.applied === null && entry.scaled === 0) return;
    entry.queue = entry.queue.then(async () => {
      try {
        let cluster = await this.cluster(endpoint.organizationId);
        // An instance type not yet known here was just added: read the connection now, not within seconds.
        if (cluster && !cluster.connection.instanceTypes.some((t) => t.id === endpoint.instanceType)) cluster = await this.cluster(endpoint.organizationId, { fresh: true });
        if (!cluster) throw new Error("The organization's Kubernetes connection is gone: connect the cluster again under Settings → Providers.");
        await cluster.started;
        const spec = workloadSpec(endpoint, entry.name, cluster.connection.instanceTypes);
        const specKey = JSON.stringify(spec);
        if (remove) {
          await cluster.workloads.remove(entry.name);
          entry.applied = null;
          entry.scaled = 0;
        } else {
          if (entry.applied !== specKey) await cluster.workloads.apply(spec);
          entry.applied = specKey;
          if (entry.scaled !== count) await cluster.workloads.scale(entry.name, count);
          entry.scaled = count;
        }
        entry.error = null;
      } catch (error) {
        entry.error = `Kubernetes refused the change: ${error instanceof Error ? error.message : String(error)}`;
      }
    });
  }

  /** Replicas asked for and ready, as the cluster last said. */
  counts(endpointId: string): { active: number; ready: number } {
    const state = this.state(endpointId);
    return state ? { active: state.desired, ready: state.ready } : { active: 0, ready: 0 };
  }

  /** Why no replica can start, in Kubernetes' words (the kubelet's, or the API server's refusal). */
  failureOf(endpointId: string): string | null {
    const entry = this.endpoints.get(endpointId);
    return this.state(endpointId)?.failure ?? entry?.error ?? null;
  }

  /** Whether the endpoint may still have a Deployment: applied and not removed, or replicas seen. */
  has(endpointId: string): boolean {
    const entry = this.endpoints.get(endpointId);
    return !!entry && (entry.applied !== null || (entry.scaled ?? 0) > 0 || (this.state(endpointId)?.desired ?? 0) > 0);
  }

  /** Where the gateway sends the endpoint's requests, once a replica is ready. */
  routes(endpointId: string): Replica[] {
    const entry = this.endpoints.get(endpointId);
    if (!entry || this.counts(endpointId).ready === 0) return [];
    return entry.routes;
  }

  /** Every endpoint's routes, for gateways in other processes. */
  *allRoutes(): Generator<[string, Replica[]]> {
    for (const endpointId of this.endpoints.keys()) {
      const routes = this.routes(endpointId);
      if (routes.length > 0) yield [endpointId, routes];
    }
  }

  onReady(listener: (endpointId: string) => void): void {
    this.readyListeners.push(listener);
  }

  close(): void {
    for (const { cluster } of this.clusters.values()) void cluster.then((c) => c?.workloads.stop(), () => {});
    this.clusters.clear();
    this.known.clear();
  }

  private state(endpointId: string) {
    const entry = this.endpoints.get(endpointId);
    const cluster = entry && this.known.get(entry.organizationId);
    return cluster ? cluster.workloads.state(entry.name) : null;
  }

  /** A workload changed: its route is made once its cluster is known, and a first ready replica announced. */
  private changed(name: string): void {
    const endpointId = this.byName.get(name);
    if (!endpointId) return;
    const entry = this.endpoints.get(endpointId)!;
    void this.cluster(entry.organizationId).then((cluster) => {
      if (!cluster) return;
      entry.routes = routesOf(cluster, name, endpointId, entry.routes);
      const ready = cluster.workloads.state(name).ready > 0;
      if (ready && !entry.wasReady) for (const listener of this.readyListeners) listener(endpointId);
      entry.wasReady = ready;
    }, () => {});
  }
}

/**
 * Outside the cluster, the API server's service proxy with the organization's token. Inside it (the
 * operator's own cluster, never one an organization brought, whose EndpointSlices could point anywhere),
 * each ready pod's address from the Service's EndpointSlices, so the gateway balances across pods itself.
 * A route already known is kept, with its count of requests in flight.
 */
function routesOf(cluster: Cluster, name: string, endpointId: string, known: Replica[]): Replica[] {
  const { connection, workloads } = cluster;
  const wanted =
    "inCluster" in connection
      ? workloads.readyAddresses(name).map((url) => ({ id: `kubernetes:${endpointId}:${new URL(url).host}`, url }))
      : [{ id: `kubernetes:${endpointId}`, url: workloads.proxyUrl(name), headers: { authorization: `Bearer ${connection.token}` } }];
  return wanted.map((route) => known.find((r) => r.id === route.id && r.url === route.url) ?? { ...route, inFlight: 0 });
}

function accessKey({ instanceTypes: _, ...access }: ClusterConnection): string {
  return JSON.stringify(access);
}

/** A DNS-1035 label unique per endpoint, whatever its display name: its Deployment's and Service's name. */
export function workloadName(endpointId: string): string {
  return `ebb-${endpointId}`;
}

/** The Deployment's container: the runtime's image and command, the resources of the organization's instance type. */
function workloadSpec(endpoint: ClusterEndpoint, name: string, instanceTypes: ClusterInstanceType[]): WorkloadSpec {
  const runtime = findRuntime(storedRuntime(endpoint.runtime).name);
  const instance = instanceTypes.find((t) => t.id === endpoint.instanceType);
  const substitute = (arg: string) => arg.replaceAll("$PORT", String(CONTAINER_PORT)).replaceAll("$MODEL", endpoint.model);
  return {
    name,
    endpointId: endpoint.id,
    image: runtime?.image ?? "missing-image-for-runtime",
    command: runtime?.command.map(substitute),
    env: { ...runtime?.env, PORT: String(CONTAINER_PORT), EBB_MODEL: endpoint.model },
    port: CONTAINER_PORT,
    healthPath: runtime?.healthPath ?? "/health",
    resources: { cpu: String(instance?.vcpus ?? 1), memory: `${instance?.memoryGb ?? 2}Gi`, gpus: instance?.gpus || undefined },
  };
}
