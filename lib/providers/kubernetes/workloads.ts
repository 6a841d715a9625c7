import { STATUS_CODES } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  DiscoveryV1Api,
  KubeConfig,
  makeInformer,
  type Informer,
  type KubernetesObject,
  type V1Deployment,
  type V1EndpointSlice,
  type V1Pod,
  type V1Service,
} from "@kubernetes/client-node";

/** Every object Ebb makes carries this label, and is watched through it. */
export const MANAGED_BY = "app.kubernetes.io/managed-by=ebb";
const ENDPOINT_LABEL = "ebb.dev/endpoint";
/** The workload a pod belongs to (its ReplicaSet's name is the Deployment's plus a hash). */
const NAME_LABEL = "app.kubernetes.io/name";

/** What an endpoint's replicas run in the cluster: one Deployment and one Service, named `name`. */
export interface WorkloadSpec {
  /** A DNS-1035 label, unique in the namespace. */
  name: string;
  endpointId: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: Record<string, string>;
  port: number;
  healthPath: string;
  resources: { cpu: string; memory: string; gpus?: number };
}

/** What the cluster says of a workload: replicas asked for, ready, and why none start (the kubelet's words). */
export interface WorkloadState {
  desired: number;
  ready: number;
  failure: string | null;
}

/** A cluster reached with a bearer token the organization gave (a service account's). */
export interface TokenAccess {
  server: string;
  token: string;
  /** PEM of the cluster's CA, base64 as in a kubeconfig; absent: the system's. */
  caData?: string;
}

/** The cluster Ebb itself runs in, through its pod's service account (its token file is rotated by the kubelet). */
export interface InClusterAccess {
  inCluster: true;
  server: string;
  tokenFile: string;
  caFile: string;
}

export type ClusterAccess = TokenAccess | InClusterAccess;

/** An organization's cluster as the provider reaches it: where, with which credentials, in which namespace. */
export type KubernetesConnection = ClusterAccess & { namespace: string };

/** This machine's own address, where plain http carries nothing across a network. */
export function isLoopback(hostname: string): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(hostname);
}

/**
 * A KubeConfig for a cluster: https, its certificate checked; plain http only on this machine's loopback
 * (a local proxy such as `kubectl proxy`), where no token crosses a network.
 */
export function kubeConfigFor(access: ClusterAccess): KubeConfig {
  const url = new URL(access.server);
  const loopbackHttp = url.protocol === "http:" && isLoopback(url.hostname);
  if (url.protocol !== "https:" && !loopbackHttp) throw new Error(`The Kubernetes API server must be an https:// URL (got ${url.origin}).`);
  const kc = new KubeConfig();
  // The client refuses http:// unless told not to verify TLS; there is no TLS to verify on loopback http.
  const skipTLSVerify = loopbackHttp;
  if ("inCluster" in access) {
    kc.loadFromClusterAndUser(
      { name: "cluster", server: access.server, caFile: loopbackHttp ? undefined : access.caFile, skipTLSVerify },
      { name: "ebb", authProvider: { name: "tokenFile", config: { tokenFile: access.tokenFile } } },
    );
  } else {
    kc.loadFromClusterAndUser({ name: "cluster", server: access.server, caData: access.caData, skipTLSVerify }, { name: "ebb", token: access.token });
  }
  return kc;
}

/** Answers worth trying again: throttled, the server's own trouble, a conflict on a stale version. */
const RETRIED = new Set([409, 429, 500, 502, 503, 504]);

/**
 * Ebb's replicas of endpoints as Deployments and Services in one namespace: made or updated to a spec
 * (idempotent: a create that finds the name taken reads and updates it, so retries never duplicate),
 * scaled through the scale subresource, removed; their state kept current by informers (list, then
 * watch from the resourceVersion, relisting after 410 Gone and reconnecting dropped watches).
 */
export class KubernetesWorkloads {
  private readonly apps: AppsV1Api;
  private readonly core: CoreV1Api;
  private readonly discovery: DiscoveryV1Api;
  private readonly informers: Informer<KubernetesObject>[] = [];
  private readonly deployments = new Map<string, V1Deployment>();
  private readonly pods = new Map<string, V1Pod>();
  private readonly slices = new Map<string, V1EndpointSlice>();
  private readonly listeners: ((name: string) => void)[] = [];
  private stopped = false;

  constructor(
    private readonly kc: KubeConfig,
    readonly namespace: string,
    private readonly options: { attempts?: number; backoffMs?: number } = {},
  ) {
    this.apps = kc.makeApiClient(AppsV1Api);
    this.core = kc.makeApiClient(CoreV1Api);
    this.discovery = kc.makeApiClient(DiscoveryV1Api);
  }

  /** Starts watching; resolves once each kind has been listed. */
  async start(): Promise<void> {
    const namespace = this.namespace;
    await Promise.all([
      this.watch<V1Deployment>(
        `/apis/apps/v1/namespaces/${namespace}/deployments`,
        () => this.apps.listNamespacedDeployment({ namespace, labelSelector: MANAGED_BY }),
        this.deployments,
        (d) => d.metadata?.name,
      ),
      this.watch<V1Pod>(`/api/v1/namespaces/${namespace}/pods`, () => this.core.listNamespacedPod({ namespace, labelSelector: MANAGED_BY }), this.pods, (p) => p.metadata?.labels?.[NAME_LABEL]),
      this.watch<V1EndpointSlice>(
        `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`,
        () => this.discovery.listNamespacedEndpointSlice({ namespace }),
        this.slices,
        (s) => s.metadata?.labels?.["kubernetes.io/service-name"],
        null,
      ),
    ]);
  }

  /** An informer kept in `into` by object name, telling listeners which workload it concerns. */
  private async watch<T extends KubernetesObject>(
    path: string,
    list: () => Promise<{ items: T[]; metadata?: { resourceVersion?: string } }>,
    into: Map<string, T>,
    workloadOf: (object: T) => string | false | undefined,
    labelSelector: string | null = MANAGED_BY,
  ): Promise<void> {
    const informer = makeInformer<T>(this.kc, path, list as never, labelSelector ?? undefined);
    const changed = (object: T) => {
      const workload = workloadOf(object);
      if (workload) for (const listener of this.listeners) listener(workload);
    };
    const put = (object: T) => {
      into.set(object.metadata!.name!, object);
      changed(object);
    };
    informer.on("add", put);
    informer.on("update", put);
    informer.on("delete", (object) => {
      into.delete(object.metadata!.name!);
      changed(object);
    });
    // The informer stops on an error other than 410 or a dropped watch: start it again, after a pause.
    informer.on("error", () => {
      if (!this.stopped) setTimeout(() => void informer.start().catch(() => {}), 500);
    });
    this.informers.push(informer as unknown as Informer<KubernetesObject>);
    for (let attempt = 1; ; attempt++) {
      try {
        await informer.start();
        return;
      } catch (error) {
        if (attempt >= (this.options.attempts ?? 8) || !retried(error)) throw error;
        await sleep(this.backoff(attempt, error));
      }
    }
  }

  /**
   * Whether the connection works: Ebb's Deployments in the namespace can be listed. null when they can,
   * otherwise the field to blame and the cluster's own words.
   */
  async check(): Promise<{ field: "server" | "token" | "namespace"; message: string } | null> {
    try {
      await this.retrying(() => this.apps.listNamespacedDeployment({ namespace: this.namespace, labelSelector: MANAGED_BY, limit: 1 }));
      return null;
    } catch (error) {
      if (error instanceof ApiException) {
        const said = statusMessage(error);
        if (error.code === 401) return { field: "token", message: `The cluster refused the token: ${said}` };
        if (error.code === 403) return { field: "token", message: `The token may not list Deployments in ${this.namespace}: ${said}` };
        if (error.code === 404) return { field: "namespace", message: `No namespace ${this.namespace} on this cluster: ${said}` };
        return { field: "server", message: `The API server answered ${error.code}: ${said}` };
      }
      return { field: "server", message: `The API server could not be reached: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  onChange(listener: (name: string) => void): void {
    this.listeners.push(listener);
  }

  stop(): void {
    this.stopped = true;
    for (const informer of this.informers) void informer.stop();
  }

  /** The Deployment and Service for `spec`, made or brought to it; a new Deployment starts at 0 replicas. */
  async apply(spec: WorkloadSpec): Promise<void> {
    const namespace = this.namespace;
    const deployment = deploymentFor(spec);
    await this.retrying(async () => {
      try {
        await this.apps.createNamespacedDeployment({ namespace, body: deployment });
      } catch (error) {
        if (!(error instanceof ApiException) || error.code !== 409) throw error;
        // Taken: ours from an earlier try, or to be brought to the spec (keeping its replica count).
        const current = await this.apps.readNamespacedDeployment({ name: spec.name, namespace });
        if (JSON.stringify(current.spec?.template) === JSON.stringify(deployment.spec?.template)) return;
        await this.apps.replaceNamespacedDeployment({
          name: spec.name,
          namespace,
          body: { ...deployment, metadata: { ...deployment.metadata, resourceVersion: current.metadata?.resourceVersion }, spec: { ...deployment.spec!, replicas: current.spec?.replicas ?? 0 } },
        });
      }
    });
    await this.retrying(async () => {
      try {
        await this.core.createNamespacedService({ namespace, body: serviceFor(spec) });
      } catch (error) {
        if (!(error instanceof ApiException) || error.code !== 409) throw error;
      }
    });
  }

  /** Sets the replica count through the scale subresource. */
  async scale(name: string, replicas: number): Promise<void> {
    const namespace = this.namespace;
    await this.retrying(() => this.apps.replaceNamespacedDeploymentScale({ name, namespace, body: { metadata: { name, namespace }, spec: { replicas } } }));
  }

  /** Removes the Deployment (its pods with it) and the Service; already gone is done. */
  async remove(name: string): Promise<void> {
    const namespace = this.namespace;
    const gone = (error: unknown) => {
      if (!(error instanceof ApiException) || error.code !== 404) throw error;
    };
    await this.retrying(() => this.apps.deleteNamespacedDeployment({ name, namespace, propagationPolicy: "Foreground" }).catch(gone));
    await this.retrying(() => this.core.deleteNamespacedService({ name, namespace }).catch(gone));
  }

  state(name: string): WorkloadState {
    const deployment = this.deployments.get(name);
    const failure = [...this.pods.values()]
      .filter((p) => p.metadata?.labels?.[NAME_LABEL] === name)
      .flatMap((p) => p.status?.containerStatuses ?? [])
      .map((c) => c.state?.waiting)
      .find((w) => w && WAITING_FAILURES.has(w.reason ?? ""));
    return {
      desired: deployment?.spec?.replicas ?? 0,
      ready: deployment?.status?.readyReplicas ?? 0,
      failure: failure ? `${failure.reason}: ${failure.message ?? ""}`.trim() : null,
    };
  }

  /**
   * The workload's pods, newest first (at most 10), each with the last `lines` lines its container wrote;
   * a container that has not started says why, in the API server's words, as its one line.
   */
  async podLogs(name: string, lines: number): Promise<PodLog[]> {
    const namespace = this.namespace;
    const listed = await this.retrying(() => this.core.listNamespacedPod({ namespace, labelSelector: `${MANAGED_BY},${NAME_LABEL}=${name}` }));
    const newest = listed.items.sort((a, b) => created(b) - created(a)).slice(0, 10);
    return Promise.all(
      newest.map(async (pod): Promise<PodLog> => {
        const podName = pod.metadata!.name!;
        const ready = pod.status?.conditions?.find((c) => c.type === "Ready" && c.status === "True");
        let output: PodLog["lines"];
        try {
          const text = await this.retrying(() => this.core.readNamespacedPodLog({ name: podName, namespace, container: "model", tailLines: lines, timestamps: true }));
          output = text.split("\n").filter(Boolean).map(timestamped);
        } catch (error) {
          // 400: the container is not running (yet): the reason is the line to show.
          if (!(error instanceof ApiException) || error.code !== 400) throw error;
          output = [{ at: new Date().toISOString(), stream: "stderr", line: statusMessage(error) }];
        }
        return {
          name: podName,
          status: pod.metadata?.deletionTimestamp ? "draining" : ready ? "ready" : "starting",
          startedAt: new Date(created(pod)).toISOString(),
          readyAt: ready?.lastTransitionTime ? new Date(ready.lastTransitionTime).toISOString() : null,
          lines: output,
        };
      }),
    );
  }

  /** Ready pod addresses (http://ip:port) from the Service's EndpointSlices: for a gateway inside the cluster. */
  readyAddresses(name: string): string[] {
    const addresses: string[] = [];
    for (const slice of this.slices.values()) {
      if (slice.metadata?.labels?.["kubernetes.io/service-name"] !== name) continue;
      const port = slice.ports?.find((p) => p.name === "http")?.port;
      for (const endpoint of slice.endpoints ?? []) {
        if (endpoint.conditions?.ready && port) for (const address of endpoint.addresses) addresses.push(`http://${address}:${port}`);
      }
    }
    return addresses;
  }

  /** The API server's proxy to the Service: for a gateway outside the cluster (send the token with it). */
  proxyUrl(name: string): string {
    return `${this.kc.getCurrentCluster()!.server}/api/v1/namespaces/${this.namespace}/services/${name}:http/proxy`;
  }

  private backoff(attempt: number, error: unknown): number {
    const retryAfter = error instanceof ApiException ? Number(error.headers?.["retry-after"]) : NaN;
    const base = this.options.backoffMs ?? 200;
    return Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : base * 2 ** (attempt - 1);
  }

  private async retrying<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (attempt >= (this.options.attempts ?? 8) || !retried(error)) throw error;
        await sleep(this.backoff(attempt, error));
      }
    }
  }
}

/** One of a workload's pods and what its container wrote. */
export interface PodLog {
  name: string;
  status: "starting" | "ready" | "draining";
  startedAt: string;
  readyAt: string | null;
  lines: { at: string; stream: "stdout" | "stderr"; line: string }[];
}

const created = (pod: V1Pod) => new Date(pod.metadata?.creationTimestamp ?? 0).getTime();

/** A line of `kubectl logs --timestamps`: its RFC 3339 time, a space, the line (stdout and stderr are merged there). */
function timestamped(line: string): PodLog["lines"][number] {
  const space = line.indexOf(" ");
  const at = space > 0 ? new Date(line.slice(0, space)) : null;
  return at && !Number.isNaN(at.getTime()) ? { at: at.toISOString(), stream: "stdout", line: line.slice(space + 1) } : { at: new Date().toISOString(), stream: "stdout", line };
}

/** A pod's container waiting for one of these will not start by itself: the endpoint has failed. */
const WAITING_FAILURES = new Set(["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CrashLoopBackOff", "CreateContainerConfigError"]);

/** The message of the Status object the API server answered with, or its status line (the client drops a 401's body). */
export function statusMessage(error: ApiException<unknown>): string {
  try {
    const body = typeof error.body === "string" ? JSON.parse(error.body) : error.body;
    if (body && typeof body === "object" && "message" in body) return String((body as { message: unknown }).message);
  } catch {
    // not JSON
  }
  return `${error.code} ${STATUS_CODES[error.code] ?? ""}`.trim();
}

function retried(error: unknown): boolean {
  if (error instanceof ApiException) return RETRIED.has(error.code);
  // The connection failed: the API server restarting, or a load balancer in between.
  return error instanceof Error && /ECONNRESET|ECONNREFUSED|socket|fetch failed|other side closed/i.test(`${error.message} ${String(error.cause ?? "")}`);
}

function labelsFor(spec: WorkloadSpec): Record<string, string> {
  return { "app.kubernetes.io/managed-by": "ebb", [NAME_LABEL]: spec.name, [ENDPOINT_LABEL]: spec.endpointId };
}

function deploymentFor(spec: WorkloadSpec): V1Deployment {
  const labels = labelsFor(spec);
  const limits: Record<string, string> = { cpu: spec.resources.cpu, memory: spec.resources.memory };
  if (spec.resources.gpus) limits["nvidia.com/gpu"] = String(spec.resources.gpus);
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: spec.name, labels },
    spec: {
      replicas: 0,
      selector: { matchLabels: { [NAME_LABEL]: spec.name } },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: "model",
              image: spec.image,
              command: spec.command,
              args: spec.args,
              env: Object.entries(spec.env ?? {}).map(([name, value]) => ({ name, value })),
              ports: [{ name: "http", containerPort: spec.port }],
              readinessProbe: { httpGet: { path: spec.healthPath, port: "http" }, periodSeconds: 2 },
              resources: { requests: { cpu: spec.resources.cpu, memory: spec.resources.memory }, limits },
            },
          ],
        },
      },
    },
  };
}

function serviceFor(spec: WorkloadSpec): V1Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: spec.name, labels: labelsFor(spec) },
    spec: { selector: { [NAME_LABEL]: spec.name }, ports: [{ name: "http", port: 80, targetPort: "http" }] },
  };
}
