/* eslint-disable @typescript-eslint/no-explicit-any -- the API's objects are free-form JSON here, as on the wire */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { seededRandom } from "@/lib/runtime/ngram";
import { freePort } from "@/lib/providers/local/process";

/**
 * A real HTTP server implementing the part of the Kubernetes API contract (api/openapi-spec of
 * kubernetes/kubernetes) that Ebb's Kubernetes provider uses, for tests: apps/v1 Deployments with their
 * scale subresource, core/v1 Services and Pods, discovery.k8s.io/v1 EndpointSlices, list and watch with
 * resourceVersion (410 Gone past the kept history), 409 on a create of an existing name or an update of a
 * stale version, Status objects as errors, and the API server's service proxy. A built-in deployment
 * controller and kubelet keep each Deployment's pods at its replica count; a pod is Running and Ready
 * `podReadyMs` after it is created and then serves HTTP (health 200, completions) on its own loopback
 * address, writing what it serves to its log (pods/{name}/log); an image under `unpullable/` never starts
 * and shows ImagePullBackOff with the kubelet's message.
 * Faults are injected at a rate: 429 and 500 answers (some after the change was made, as a timed-out
 * request may be) and watches dropped mid-stream.
 */

export interface KubeContractOptions {
  token: string;
  podReadyMs?: number;
  faults?: { rate: number; seed?: number };
  /** Events kept for watches; a watch from an older resourceVersion gets 410 Gone. */
  history?: number;
  /** 0 (the default) for any free port. */
  port?: number;
}

type Obj = { apiVersion: string; kind: string; metadata: Meta; spec?: any; status?: any; [key: string]: any };
interface Meta {
  name: string;
  namespace: string;
  uid: string;
  resourceVersion: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp: string;
  generation?: number;
  ownerReferences?: { kind: string; name: string; uid: string }[];
}

type Collection = "deployments" | "services" | "pods" | "endpointslices";
const KIND: Record<Collection, { apiVersion: string; kind: string }> = {
  deployments: { apiVersion: "apps/v1", kind: "Deployment" },
  services: { apiVersion: "v1", kind: "Service" },
  pods: { apiVersion: "v1", kind: "Pod" },
  endpointslices: { apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice" },
};

interface WatchEvent {
  rv: number;
  collection: Collection;
  type: "ADDED" | "MODIFIED" | "DELETED";
  object: Obj;
}

interface PodRuntime {
  server: http.Server | null;
  timer: NodeJS.Timeout | null;
  requests: number;
  /** What the container wrote, for pods/{name}/log. */
  log: { at: string; line: string }[];
}

export interface KubeContractServer {
  url: string;
  /** Objects as stored, for assertions: e.g. `list("deployments", "ebb")`. */
  list(collection: Collection, namespace: string): Obj[];
  /** Requests each ready pod has served, by pod name. */
  podRequests(): Map<string, number>;
  /** Requests that came through the API server's service proxy. */
  proxiedRequests(): number;
  setFaultRate(rate: number): void;
  /** Accepts this token from now on, and no other: a rotated service account token. */
  setToken(token: string): void;
  /** What was injected so far: failed answers (429/500), watches dropped, watches refused as expired. */
  injected(): { failedAnswers: number; droppedWatches: number; expiredWatches: number };
  close(): Promise<void>;
}

const clone = <T>(x: T): T => structuredClone(x);

function status(code: number, reason: string, message: string): Obj & { code: number } {
  return { apiVersion: "v1", kind: "Status", metadata: {} as Meta, status: "Failure", message, reason, code };
}

function matches(labels: Record<string, string> | undefined, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(",").every((term) => {
    const [key, value] = term.split("=") as [string, string];
    return labels?.[key.trim()] === value?.trim();
  });
}

export async function startKubeContractServer(options: KubeContractOptions): Promise<KubeContractServer> {
  const podReadyMs = options.podReadyMs ?? 300;
  const historySize = options.history ?? 500;
  let faultRate = options.faults?.rate ?? 0;
  const random = seededRandom(options.faults?.seed ?? 7);
  const store = new Map<Collection, Map<string, Obj>>(Object.keys(KIND).map((c) => [c as Collection, new Map()]));
  const history: WatchEvent[] = [];
  const watchers = new Set<{ collection: Collection; namespace: string; selector: string | null; res: http.ServerResponse }>();
  const pods = new Map<string, PodRuntime>();
  const injected = { failedAnswers: 0, droppedWatches: 0, expiredWatches: 0 };
  let rv = 1;
  let uid = 0;
  let nextPodAddress = 2;
  let proxied = 0;
  let token = options.token;
  // One port for every pod, each pod on its own 127.0.0.x: the EndpointSlice's port list is per slice.
  const podPort = await freePort();

  const key = (namespace: string, name: string) => `${namespace}/${name}`;
  const get = (c: Collection, namespace: string, name: string) => store.get(c)!.get(key(namespace, name));

  function emit(collection: Collection, type: WatchEvent["type"], object: Obj) {
    const event = { rv: Number(object.metadata.resourceVersion), collection, type, object: clone(object) };
    history.push(event);
    if (history.length > historySize) history.shift();
    for (const w of watchers) {
      if (w.collection !== collection || w.namespace !== object.metadata.namespace || !matches(object.metadata.labels, w.selector)) continue;
      w.res.write(`${JSON.stringify({ type, object: event.object })}\n`);
    }
  }

  function put(collection: Collection, object: Obj, type: "ADDED" | "MODIFIED") {
    object.metadata.resourceVersion = String(++rv);
    store.get(collection)!.set(key(object.metadata.namespace, object.metadata.name), object);
    emit(collection, type, object);
  }

  function remove(collection: Collection, object: Obj) {
    store.get(collection)!.delete(key(object.metadata.namespace, object.metadata.name));
    object.metadata.resourceVersion = String(++rv);
    emit(collection, "DELETED", object);
  }

  function create(collection: Collection, namespace: string, body: { metadata: Partial<Meta>; [field: string]: any }): Obj {
    const object: Obj = {
      ...body,
      ...KIND[collection],
      metadata: { ...body.metadata, name: body.metadata.name!, namespace, uid: `uid-${++uid}`, resourceVersion: "", creationTimestamp: new Date().toISOString(), generation: 1 },
      status: body.status ?? {},
    };
    put(collection, object, "ADDED");
    return object;
  }

  // The deployment controller and the kubelet.
  function reconcileDeployment(namespace: string, name: string) {
    const deployment = get("deployments", namespace, name);
    const owned = [...store.get("pods")!.values()].filter((p) => p.metadata.namespace === namespace && p.metadata.ownerReferences?.[0]?.name === name);
    const want = deployment ? (deployment.spec.replicas ?? 1) : 0;
    for (let i = owned.length; i < want; i++) startPod(deployment!);
    const extra = owned.sort((a, b) => Number(b.metadata.resourceVersion) - Number(a.metadata.resourceVersion)).slice(0, Math.max(0, owned.length - want));
    for (const pod of extra) stopPod(pod);
    if (deployment) updateDeploymentStatus(deployment);
  }

  function updateDeploymentStatus(deployment: Obj) {
    const { namespace, name } = deployment.metadata;
    const owned = [...store.get("pods")!.values()].filter((p) => p.metadata.namespace === namespace && p.metadata.ownerReferences?.[0]?.name === name);
    const ready = owned.filter((p) => p.status.conditions?.some((c: { type: string; status: string }) => c.type === "Ready" && c.status === "True")).length;
    const desired = deployment.spec.replicas ?? 1;
    const next = {
      observedGeneration: deployment.metadata.generation,
      replicas: owned.length,
      updatedReplicas: owned.length,
      readyReplicas: ready,
      availableReplicas: ready,
      unavailableReplicas: Math.max(0, desired - ready),
      conditions: [
        { type: "Available", status: ready >= desired ? "True" : "False", reason: ready >= desired ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable" },
        { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable" },
      ],
    };
    if (JSON.stringify(next) === JSON.stringify(deployment.status)) return;
    deployment.status = next;
    put("deployments", deployment, "MODIFIED");
  }

  function startPod(deployment: Obj) {
    const { namespace, name } = deployment.metadata;
    const template = deployment.spec.template;
    const container = template.spec.containers[0];
    const podName = `${name}-${Math.floor(random() * 1e10).toString(36)}`;
    const address = `127.0.0.${nextPodAddress++}`;
    create("pods", namespace, {
      ...KIND.pods,
      metadata: { name: podName, labels: { ...template.metadata.labels }, ownerReferences: [{ kind: "ReplicaSet", name, uid: deployment.metadata.uid }] },
      spec: clone(template.spec),
      status: {
        phase: "Pending",
        conditions: [{ type: "Ready", status: "False" }],
        containerStatuses: [{ name: container.name, ready: false, image: container.image, state: { waiting: { reason: "ContainerCreating" } } }],
      },
    });
    const runtime: PodRuntime = { server: null, timer: null, requests: 0, log: [] };
    const write = (line: string) => runtime.log.push({ at: new Date().toISOString(), line });
    pods.set(key(namespace, podName), runtime);
    runtime.timer = setTimeout(() => {
      const current = get("pods", namespace, podName);
      if (!current) return;
      if (String(container.image).startsWith("unpullable/")) {
        current.status.containerStatuses[0].state = {
          waiting: { reason: "ImagePullBackOff", message: `Back-off pulling image "${container.image}": not found: manifest unknown` },
        };
        put("pods", current, "MODIFIED");
        return;
      }
      write(`${container.image}: serving on ${address}:${podPort}`);
      const server = http.createServer((req, res) => {
        runtime.requests++;
        if (req.url !== (container.readinessProbe?.httpGet?.path ?? "/health")) write(`${req.method} ${req.url}`);
        req.resume();
        req.on("end", () => {
          const healthPath = container.readinessProbe?.httpGet?.path ?? "/health";
          if (req.url === healthPath) return void res.writeHead(200).end("ok");
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ pod: podName, path: req.url, choices: [{ index: 0, text: " served", finish_reason: "stop" }] }));
        });
      });
      server.listen(podPort, address, () => {
        runtime.server = server;
        const now = get("pods", namespace, podName);
        if (!now) return void server.close();
        now.status = {
          phase: "Running",
          podIP: address,
          conditions: [{ type: "Ready", status: "True" }],
          containerStatuses: [{ name: container.name, ready: true, image: container.image, state: { running: { startedAt: new Date().toISOString() } } }],
        };
        put("pods", now, "MODIFIED");
        afterPodChange(namespace, deployment.metadata.name);
      });
    }, podReadyMs);
  }

  function stopPod(pod: Obj) {
    const runtime = pods.get(key(pod.metadata.namespace, pod.metadata.name));
    if (runtime?.timer) clearTimeout(runtime.timer);
    runtime?.server?.close();
    runtime?.server?.closeAllConnections();
    remove("pods", pod);
    afterPodChange(pod.metadata.namespace, pod.metadata.ownerReferences![0]!.name);
  }

  function afterPodChange(namespace: string, deploymentName: string) {
    const deployment = get("deployments", namespace, deploymentName);
    if (deployment) updateDeploymentStatus(deployment);
    for (const service of store.get("services")!.values()) if (service.metadata.namespace === namespace) syncSlice(service);
  }

  /** The EndpointSlice of a service: its ready pods' addresses. */
  function syncSlice(service: Obj) {
    const { namespace, name } = service.metadata;
    const selected = [...store.get("pods")!.values()].filter(
      (p) => p.metadata.namespace === namespace && Object.entries(service.spec.selector ?? {}).every(([k, v]) => p.metadata.labels?.[k] === v),
    );
    const endpoints = selected
      .filter((p) => p.status.podIP)
      .map((p) => ({ addresses: [p.status.podIP], conditions: { ready: p.status.conditions.some((c: { type: string; status: string }) => c.type === "Ready" && c.status === "True") }, targetRef: { kind: "Pod", name: p.metadata.name } }));
    const sliceName = `${name}-slice`;
    const existing = get("endpointslices", namespace, sliceName);
    const body = { addressType: "IPv4", endpoints, ports: [{ name: "http", port: podPort, protocol: "TCP" }] };
    if (!existing) {
      create("endpointslices", namespace, { ...KIND.endpointslices, metadata: { name: sliceName, labels: { "kubernetes.io/service-name": name } }, ...body });
    } else if (JSON.stringify(existing.endpoints) !== JSON.stringify(endpoints)) {
      Object.assign(existing, body);
      put("endpointslices", existing, "MODIFIED");
    }
  }

  function removePodsOf(namespace: string, deploymentName: string) {
    for (const pod of [...store.get("pods")!.values()]) {
      if (pod.metadata.namespace === namespace && pod.metadata.ownerReferences?.[0]?.name === deploymentName) stopPod(pod);
    }
  }

  async function readJson(req: http.IncomingMessage): Promise<any> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString();
    return text ? JSON.parse(text) : {};
  }

  function send(res: http.ServerResponse, code: number, body: unknown) {
    res.writeHead(code, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  function list(collection: Collection, namespace: string, selector: string | null) {
    const items = [...store.get(collection)!.values()].filter((o) => o.metadata.namespace === namespace && matches(o.metadata.labels, selector));
    return { apiVersion: KIND[collection].apiVersion, kind: `${KIND[collection].kind}List`, metadata: { resourceVersion: String(rv) }, items: clone(items) };
  }

  function watch(res: http.ServerResponse, collection: Collection, namespace: string, selector: string | null, from: string | null) {
    const since = Number(from || 0);
    const oldest = history[0]?.rv ?? rv;
    if (from && since < oldest - 1) {
      injected.expiredWatches++;
      return send(res, 410, status(410, "Expired", `too old resource version: ${since} (${oldest - 1})`));
    }
    res.writeHead(200, { "content-type": "application/json", "transfer-encoding": "chunked" });
    // As the API server does: the client learns the watch is open before the first event.
    res.flushHeaders();
    if (from) {
      for (const e of history) {
        if (e.rv > since && e.collection === collection && e.object.metadata.namespace === namespace && matches(e.object.metadata.labels, selector)) {
          res.write(`${JSON.stringify({ type: e.type, object: e.object })}\n`);
        }
      }
    } else {
      for (const o of list(collection, namespace, selector).items) res.write(`${JSON.stringify({ type: "ADDED", object: o })}\n`);
    }
    const watcher = { collection, namespace, selector, res };
    watchers.add(watcher);
    res.on("close", () => watchers.delete(watcher));
    // A dropped watch, as a load balancer or an API server restart would drop it.
    if (faultRate > 0 && random() < faultRate) {
      setTimeout(() => {
        injected.droppedWatches++;
        res.destroy();
      }, 200 + random() * 1000);
    }
  }

  /** A pod's container output (pods/{name}/log): the last tailLines lines, with timestamps when asked. */
  function podLog(res: http.ServerResponse, namespace: string, name: string, params: URLSearchParams) {
    const pod = get("pods", namespace, name);
    if (!pod) return send(res, 404, status(404, "NotFound", `pods "${name}" not found`));
    const waiting = pod.status.containerStatuses?.[0]?.state?.waiting;
    if (waiting) return send(res, 400, status(400, "BadRequest", `container "${pod.spec.containers[0].name}" in pod "${name}" is waiting to start: ${waiting.reason === "ContainerCreating" ? "ContainerCreating" : "trying and failing to pull image"}`));
    const tail = Number(params.get("tailLines") ?? Infinity);
    const lines = pods.get(key(namespace, name))?.log.slice(-tail) ?? [];
    const timestamps = params.get("timestamps") === "true";
    res.writeHead(200, { "content-type": "text/plain" }).end(lines.map((l) => `${timestamps ? `${l.at} ` : ""}${l.line}\n`).join(""));
  }

  /** Serves a request through the service proxy: to one of the service's ready pods. */
  function proxy(req: http.IncomingMessage, res: http.ServerResponse, namespace: string, service: string, rest: string) {
    const svc = get("services", namespace, service);
    if (!svc) return send(res, 404, status(404, "NotFound", `services "${service}" not found`));
    proxied++;
    const slice = get("endpointslices", namespace, `${service}-slice`);
    const ready = (slice?.endpoints ?? []).filter((e: { conditions: { ready: boolean } }) => e.conditions.ready);
    if (ready.length === 0) return send(res, 503, status(503, "ServiceUnavailable", `no endpoints available for service "${service}"`));
    const target = ready[Math.floor(random() * ready.length)].addresses[0];
    const upstream = http.request({ host: target, port: podPort, method: req.method, path: rest || "/", headers: { ...req.headers, host: `${target}:${podPort}`, authorization: "" } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", (error) => send(res, 502, status(502, "BadGateway", error.message)));
    req.pipe(upstream);
  }

  const server = http.createServer(async (req, res) => {
    try {
      if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, status(401, "Unauthorized", "Unauthorized"));
      const url = new URL(req.url ?? "/", "http://kube");
      const isWatch = url.searchParams.get("watch") === "true" || url.searchParams.get("watch") === "1";
      const selector = url.searchParams.get("labelSelector");
      const proxyMatch = /^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/:]+)(?::[^/]+)?\/proxy(\/.*)?$/.exec(url.pathname);
      if (proxyMatch) return proxy(req, res, proxyMatch[1]!, proxyMatch[2]!, `${proxyMatch[3] ?? "/"}${url.search}`);
      const logMatch = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(url.pathname);
      if (logMatch && req.method === "GET") return podLog(res, logMatch[1]!, logMatch[2]!, url.searchParams);

      // Faults, before or after the change is made.
      const faultAfter = !isWatch && faultRate > 0 && random() < faultRate / 2 && req.method !== "GET";
      if (faultAfter) injected.failedAnswers++;
      if (!isWatch && !faultAfter && faultRate > 0 && random() < faultRate / 2) {
        injected.failedAnswers++;
        if (random() < 0.5) return res.writeHead(429, { "content-type": "application/json", "retry-after": "1" }).end(JSON.stringify(status(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later")));
        return send(res, 500, status(500, "InternalError", "Internal error occurred: etcdserver: request timed out"));
      }
      const answer = (code: number, body: unknown) => (faultAfter ? send(res, 500, status(500, "InternalError", "Internal error occurred: etcdserver: request timed out")) : send(res, code, body));

      const m = /^\/(?:api\/v1|apis\/apps\/v1|apis\/discovery\.k8s\.io\/v1)\/namespaces\/([^/]+)\/(deployments|services|pods|endpointslices)(?:\/([^/]+))?(\/scale)?$/.exec(url.pathname);
      if (!m) return send(res, 404, status(404, "NotFound", `the server could not find the requested resource (${url.pathname})`));
      const [, namespace, collection, name, scale] = m as unknown as [string, string, Collection, string | undefined, string | undefined];

      if (!name) {
        if (req.method === "GET") return isWatch ? watch(res, collection, namespace, selector, url.searchParams.get("resourceVersion")) : send(res, 200, list(collection, namespace, selector));
        if (req.method === "POST") {
          const body = await readJson(req);
          const objectName = body.metadata?.name;
          if (!objectName) return send(res, 422, status(422, "Invalid", `${KIND[collection].kind} is invalid: metadata.name: Required value`));
          if (get(collection, namespace, objectName)) return send(res, 409, status(409, "AlreadyExists", `${collection}.${KIND[collection].apiVersion.split("/")[0]} "${objectName}" already exists`));
          const created = create(collection, namespace, body);
          if (collection === "deployments") reconcileDeployment(namespace, objectName);
          if (collection === "services") syncSlice(created);
          return answer(201, created);
        }
        return send(res, 405, status(405, "MethodNotAllowed", "method not allowed"));
      }

      const object = get(collection, namespace, name);
      if (!object) return send(res, 404, status(404, "NotFound", `${collection} "${name}" not found`));
      if (scale) {
        if (collection !== "deployments") return send(res, 404, status(404, "NotFound", "no scale subresource"));
        const scaleOf = (d: Obj) => ({
          apiVersion: "autoscaling/v1",
          kind: "Scale",
          metadata: { name, namespace, resourceVersion: d.metadata.resourceVersion, uid: d.metadata.uid },
          spec: { replicas: d.spec.replicas },
          status: { replicas: d.status?.replicas ?? 0, selector: Object.entries(d.spec.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(",") },
        });
        if (req.method === "GET") return send(res, 200, scaleOf(object));
        if (req.method === "PUT" || req.method === "PATCH") {
          const body = await readJson(req);
          if (req.method === "PUT" && body.metadata?.resourceVersion && body.metadata.resourceVersion !== object.metadata.resourceVersion) {
            return send(res, 409, status(409, "Conflict", `Operation cannot be fulfilled on deployments.apps "${name}": the object has been modified; please apply your changes to the latest version and try again`));
          }
          const replicas = body.spec?.replicas;
          if (!Number.isInteger(replicas) || replicas < 0) return send(res, 422, status(422, "Invalid", "spec.replicas: Invalid value: must be greater than or equal to 0"));
          if (object.spec.replicas !== replicas) {
            object.spec.replicas = replicas;
            object.metadata.generation = (object.metadata.generation ?? 1) + 1;
            put("deployments", object, "MODIFIED");
            reconcileDeployment(namespace, name);
          }
          return answer(200, scaleOf(object));
        }
        return send(res, 405, status(405, "MethodNotAllowed", "method not allowed"));
      }
      if (req.method === "GET") return send(res, 200, object);
      if (req.method === "DELETE") {
        remove(collection, object);
        if (collection === "deployments") removePodsOf(namespace, name);
        if (collection === "services") {
          const slice = get("endpointslices", namespace, `${name}-slice`);
          if (slice) remove("endpointslices", slice);
        }
        return answer(200, object);
      }
      if (req.method === "PUT" || req.method === "PATCH") {
        const body = await readJson(req);
        if (req.method === "PUT" && body.metadata?.resourceVersion !== object.metadata.resourceVersion) {
          return send(res, 409, status(409, "Conflict", `Operation cannot be fulfilled on ${collection} "${name}": the object has been modified; please apply your changes to the latest version and try again`));
        }
        const next = req.method === "PUT" ? { ...body, ...KIND[collection], metadata: { ...object.metadata, labels: body.metadata?.labels, annotations: body.metadata?.annotations }, status: object.status } : mergePatch(object, body);
        if (JSON.stringify(next.spec) !== JSON.stringify(object.spec)) next.metadata.generation = (object.metadata.generation ?? 1) + 1;
        put(collection, next, "MODIFIED");
        if (collection === "deployments") reconcileDeployment(namespace, name);
        return answer(200, next);
      }
      return send(res, 405, status(405, "MethodNotAllowed", "method not allowed"));
    } catch (error) {
      send(res, 400, status(400, "BadRequest", error instanceof Error ? error.message : String(error)));
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    list: (collection, namespace) => clone([...store.get(collection)!.values()].filter((o) => o.metadata.namespace === namespace)),
    proxiedRequests: () => proxied,
    podRequests: () => new Map([...pods].map(([k, r]) => [k.split("/")[1]!, r.requests])),
    setToken(next) {
      token = next;
    },
    setFaultRate(rate) {
      faultRate = rate;
    },
    injected: () => ({ ...injected }),
    async close() {
      for (const w of watchers) w.res.destroy();
      for (const r of pods.values()) {
        if (r.timer) clearTimeout(r.timer);
        r.server?.closeAllConnections();
        r.server?.close();
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** JSON merge patch (RFC 7386), as `application/merge-patch+json` applies it. */
function mergePatch(target: any, patch: any): any {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const result = target && typeof target === "object" && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete result[k];
    else result[k] = mergePatch(result[k], v);
  }
  return result;
}
