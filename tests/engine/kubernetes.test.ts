import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { coldStarts, endpointEvents } from "@/lib/db/schema";
import { reloadRuntimeCatalog } from "@/lib/runtimes/catalog";
import { createEndpoint, deleteEndpoint, pauseEndpoint, resumeEndpoint, scaleEndpointToZero, updateEndpointPolicy } from "@/lib/services/endpoints";
import { deleteKubernetesConnection, getKubernetesConnection, saveKubernetesConnection } from "@/lib/services/kubernetes-connection";
import type { Caller } from "@/lib/services/caller";
import { saveKubernetesInstanceTypes } from "@/lib/services/kubernetes-instance-types";
import { getEndpointPrice } from "@/lib/services/prices";
import { getReplicaLogs } from "@/lib/services/replica-logs";
import { providerOffers } from "@/lib/services/provider-offers";
import { createOrganization } from "../support/accounts";
import { withTestDatabase } from "../support/database";
import { completion, endpointRow, startTestEngine, waitFor, type TestEngine } from "../support/engine";
import { startKubeContractServer, type KubeContractServer } from "../support/kube-contract-server";

withTestDatabase();

const TOKEN = "cluster-service-account-token";
let cluster: KubeContractServer;
let owner: Caller;
let ebb: TestEngine;

beforeAll(async () => {
  // The operator's catalog: a runtime with a container image, and one whose image cannot be pulled.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ebb-kube-runtimes-"));
  const file = path.join(dir, "ebb.config.json");
  const serve = { command: ["serve", "--model", "$MODEL", "--port", "$PORT"], healthPath: "/health" };
  fs.writeFileSync(file, JSON.stringify({ runtimes: [{ name: "server", image: "ghcr.io/acme/server:1.0", ...serve }, { name: "broken", image: "unpullable/acme/missing:latest", ...serve }] }));
  process.env.EBB_RUNTIMES_FILE = file;
  reloadRuntimeCatalog();
  cluster = await startKubeContractServer({ token: TOKEN, podReadyMs: 300, faults: { rate: 0, seed: 5 } });
  owner = await createOrganization("Cluster Org");
  await saveKubernetesConnection({ caller: owner, input: { server: cluster.url, token: TOKEN, namespace: "inference" } });
  // From here on, one request in five to the API server fails and watches drop.
  cluster.setFaultRate(0.2);
  ebb = await startTestEngine();
});

afterAll(async () => {
  await ebb?.close();
  await cluster?.close();
  delete process.env.EBB_RUNTIMES_FILE;
  reloadRuntimeCatalog();
});

const deployments = () => cluster.list("deployments", "inference");

it("runs an endpoint as a Deployment sized by Ebb's autoscaler, served through the gateway, through pause, resume and delete", async () => {
  const endpoint = await createEndpoint({
    caller: owner,
    input: { name: "chat", provider: "kubernetes", model: "acme/chat", instanceType: "cpu-medium", minReplicas: 0, maxReplicas: 2, runtime: { name: "server" } },
  });
  const route = `/e/${owner.organizationSlug}/chat`;

  // Held through the cold start, answered by a pod through the API server's service proxy.
  const first = await completion(ebb.url, route, { scaleUpTimeout: 60 });
  expect(first.status).toBe(200);
  expect(((await first.json()) as { pod: string; path: string }).path).toBe("/v1/completions");
  // The wake was a cold start, recorded and logged as for local replicas.
  const db = await getDb();
  await waitFor(async () => (await db.select().from(coldStarts).where(eq(coldStarts.endpointId, endpoint.id))).length === 1, 10_000, "the cold start recorded");
  const events = await db.select().from(endpointEvents).where(and(eq(endpointEvents.endpointId, endpoint.id), eq(endpointEvents.kind, "cold-start")));
  expect(events.map((e) => e.message)).toEqual([expect.stringMatching(/^Cold start finished in \d+\.\d s$/)]);
  const [deployment] = deployments();
  expect(deployment!.spec.template.spec.containers[0]).toMatchObject({
    image: "ghcr.io/acme/server:1.0",
    command: ["serve", "--model", "acme/chat", "--port", "8080"],
    resources: { requests: { cpu: "4", memory: "8Gi" } },
  });

  // Its replica logs are its pod's, read from the cluster: what the container wrote.
  const [pod] = await getReplicaLogs({ caller: owner, name: "chat" });
  expect(pod).toMatchObject({ id: expect.stringMatching(new RegExp(`^ebb-${endpoint.id}-`)), status: "ready", usage: null });
  expect(pod!.lines.map((l) => l.line)).toEqual([expect.stringMatching(/^ghcr\.io\/acme\/server:1\.0: serving on 127\.0\.0\.\d+:\d+$/), "POST /v1/completions"]);

  // 0 → 2 by the policy; one Deployment throughout, whatever the API server's faults.
  await updateEndpointPolicy({ caller: owner, name: "chat", input: { minReplicas: 2, maxReplicas: 2 } });
  await waitFor(async () => (await endpointRow(endpoint.id)).readyReplicas === 2, 30_000, "two ready replicas");
  const answers = await Promise.all(Array.from({ length: 10 }, () => completion(ebb.url, route)));
  expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
  expect(deployments()).toHaveLength(1);

  // Scale to zero, then a request wakes it again.
  await updateEndpointPolicy({ caller: owner, name: "chat", input: { minReplicas: 0, maxReplicas: 2 } });
  await scaleEndpointToZero({ caller: owner, name: "chat" });
  await waitFor(() => deployments()[0]?.spec.replicas === 0 && cluster.list("pods", "inference").length === 0, 30_000, "the Deployment at zero");
  expect((await completion(ebb.url, route, { scaleUpTimeout: 60 })).status).toBe(200);

  // Paused: at zero, refused; resumed: served again.
  await pauseEndpoint({ caller: owner, name: "chat" });
  await waitFor(() => deployments()[0]?.spec.replicas === 0, 30_000, "the Deployment at zero while paused");
  expect((await completion(ebb.url, route)).status).toBe(503);
  await resumeEndpoint({ caller: owner, name: "chat" });
  expect((await completion(ebb.url, route, { scaleUpTimeout: 60 })).status).toBe(200);

  // Deleted: its Deployment and Service are gone, and so is the endpoint.
  await deleteEndpoint({ caller: owner, name: "chat" });
  await waitFor(async () => (await endpointRow(endpoint.id)).state === "deleted", 30_000, "the endpoint deleted");
  expect(deployments()).toEqual([]);
  expect(cluster.list("services", "inference")).toEqual([]);
  expect(cluster.injected().failedAnswers).toBeGreaterThan(0);
});

it("an image the cluster cannot pull fails the endpoint with Kubernetes' message", async () => {
  const endpoint = await createEndpoint({
    caller: owner,
    input: { name: "broken", provider: "kubernetes", model: "acme/chat", instanceType: "cpu-small", minReplicas: 1, maxReplicas: 1, runtime: { name: "broken" } },
  });
  const failed = await waitFor(async () => {
    const row = await endpointRow(endpoint.id);
    return row.state === "failed" ? row : null;
  }, 30_000, "the endpoint failed");
  expect(failed.stateMessage).toMatch(/ImagePullBackOff: Back-off pulling image "unpullable\/acme\/missing:latest"/);
  // Its replica logs say why its pod has no output, in the API server's words.
  const [pod] = await getReplicaLogs({ caller: owner, name: "broken" });
  expect(pod!.lines).toEqual([{ at: expect.any(String), stream: "stderr", line: expect.stringMatching(/^container "model" in pod "ebb-.*" is waiting to start: trying and failing to pull image$/) }]);
});

it("connecting a cluster checks it first: each mistake is a field error in the cluster's words, and nothing is saved", async () => {
  const other = await createOrganization("Other Org");
  const attempt = (input: Record<string, string>) =>
    saveKubernetesConnection({ caller: other, input: { server: cluster.url, token: TOKEN, namespace: "inference", ...input } }).then(
      () => null,
      (error: { fieldErrors?: Record<string, string[]> }) => error.fieldErrors,
    );
  cluster.setFaultRate(0);
  expect(await attempt({ token: "not-the-right-token-at-all" })).toEqual({ token: [expect.stringMatching(/^The cluster refused the token: 401 Unauthorized/)] });
  expect(await attempt({ namespace: "Not_A_Namespace" })).toEqual({ namespace: [expect.stringMatching(/^Enter a namespace/)] });
  expect(await attempt({ server: "http://k8s.example.com:6443" })).toEqual({ server: [expect.stringMatching(/must be an https:\/\/ URL/)] });
  expect(await attempt({ server: "https://127.0.0.1:1" })).toEqual({ server: [expect.stringMatching(/^The API server could not be reached/)] });
  // A pasted kubeconfig: what is wrong with its server or token is said of the kubeconfig.
  const pasted = (token: string, namespace = "") =>
    saveKubernetesConnection({
      caller: other,
      input: { kubeconfig: `current-context: c\nclusters: [{name: k, cluster: {server: "${cluster.url}"}}]\ncontexts: [{name: c, context: {cluster: k, user: u${namespace}}}]\nusers: [{name: u, user: {token: ${token}}}]`, namespace: "" },
    }).then(
      (view) => view,
      (error: { fieldErrors?: Record<string, string[]> }) => error.fieldErrors,
    );
  expect(await pasted("not-the-right-token-at-all", ", namespace: inference")).toEqual({ kubeconfig: [expect.stringMatching(/^The cluster refused the token: 401/)] });
  expect(await pasted(TOKEN)).toEqual({ namespace: ["Enter the namespace."] });
  expect(await pasted("short", ", namespace: inference")).toEqual({ kubeconfig: ["In the kubeconfig: Enter the service account's token (kubectl create token …)."] });
  // The cluster Ebb runs in is not offered here (no EBB_KUBERNETES_IN_CLUSTER_NAMESPACE).
  await expect(saveKubernetesConnection({ caller: other, input: { source: "in-cluster" } })).rejects.toMatchObject({ fieldErrors: { source: [expect.stringMatching(/does not offer the cluster it runs in/)] } });
  expect(await getKubernetesConnection({ caller: other })).toBeNull();
  expect(await pasted(TOKEN, ", namespace: inference")).toMatchObject({ server: cluster.url, namespace: "inference", tokenLast4: TOKEN.slice(-4), inCluster: false });
  await deleteKubernetesConnection({ caller: other });
  expect(await getKubernetesConnection({ caller: other })).toBeNull();
  // The first organization's connection is its own: the other one sees none, and cannot use the provider.
  await expect(createEndpoint({ caller: other, input: { name: "x", provider: "kubernetes", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1, runtime: { name: "server" } } })).rejects.toMatchObject({
    fieldErrors: { provider: ["Connect a Kubernetes cluster under Settings → Providers first."] },
  });
  // A runtime without an image cannot run there, and says which can.
  await expect(createEndpoint({ caller: owner, input: { name: "y", provider: "kubernetes", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1, runtime: { name: "builtin" } } })).rejects.toMatchObject({
    fieldErrors: { "runtime.name": [expect.stringMatching(/has no container image.*Choose one of: server, broken/)] },
  });
  cluster.setFaultRate(0.2);
});

it("a rotated token is used without a restart, and the endpoints cannot be moved to another cluster under it", async () => {
  cluster.setFaultRate(0);
  const endpoint = await createEndpoint({
    caller: owner,
    input: { name: "rotating", provider: "kubernetes", model: "acme/chat", instanceType: "cpu-small", minReplicas: 1, maxReplicas: 1, runtime: { name: "server" } },
  });
  const route = `/e/${owner.organizationSlug}/rotating`;
  expect((await completion(ebb.url, route, { scaleUpTimeout: 60 })).status).toBe(200);

  // The service account's token is rotated: the old one is refused from now on.
  const rotated = `${TOKEN}-rotated`;
  cluster.setToken(rotated);
  expect((await completion(ebb.url, route)).status).not.toBe(200);
  const moved = saveKubernetesConnection({ caller: owner, input: { server: cluster.url, token: rotated, namespace: "elsewhere" } });
  await expect(moved).rejects.toMatchObject({ fieldErrors: { namespace: [expect.stringMatching(/^Endpoints run on the connected cluster \((broken, )?rotating\): delete them before moving/)] } });
  await saveKubernetesConnection({ caller: owner, input: { server: cluster.url, token: rotated, namespace: "inference" } });
  // Within the connection's re-read, requests flow again with the new token.
  await waitFor(async () => (await completion(ebb.url, route)).status === 200, 30_000, "requests served with the rotated token");
  // The same Deployment throughout: none made again under the new connection.
  expect(cluster.list("deployments", "inference").filter((d) => d.metadata.name === `ebb-${endpoint.id}`)).toHaveLength(1);
  await deleteEndpoint({ caller: owner, name: "rotating" });
  cluster.setToken(TOKEN);
  await saveKubernetesConnection({ caller: owner, input: { server: cluster.url, token: TOKEN, namespace: "inference" } });
  cluster.setFaultRate(0.2);
});

it("an organization's own instance types size its Deployments and price its replica-hours, apart from any other organization's", async () => {
  cluster.setFaultRate(0);
  const gpu = { id: "gpu-a100", vcpus: 8, memoryGb: 64, gpus: 1, pricePerHour: 3.2 };
  const types = (await getKubernetesConnection({ caller: owner }))!.instanceTypes;
  await saveKubernetesInstanceTypes({ caller: owner, input: { types: [...types, gpu] } });
  // Another organization's "gpu-a100" is another machine at another price.
  const other = await createOrganization("Priced Org");
  await saveKubernetesConnection({ caller: other, input: { server: cluster.url, token: TOKEN, namespace: "inference" } });
  await saveKubernetesInstanceTypes({ caller: other, input: { types: [{ ...gpu, pricePerHour: 1.1 }] } });

  const endpoint = await createEndpoint({
    caller: owner,
    input: { name: "on-gpu", provider: "kubernetes", model: "acme/chat", instanceType: "gpu-a100", minReplicas: 1, maxReplicas: 1, runtime: { name: "server" } },
  });
  await waitFor(() => cluster.list("deployments", "inference").find((d) => d.metadata.name === `ebb-${endpoint.id}`), 30_000, "the Deployment");
  const container = cluster.list("deployments", "inference").find((d) => d.metadata.name === `ebb-${endpoint.id}`)!.spec.template.spec.containers[0];
  expect(container.resources).toEqual({ requests: { cpu: "8", memory: "64Gi" }, limits: { cpu: "8", memory: "64Gi", "nvidia.com/gpu": "1" } });
  expect(await getEndpointPrice({ caller: owner, endpoint: await endpointRow(endpoint.id) })).toEqual({ pricePerHour: 3.2, storagePricePerHour: 0 });
  // A type resized: the running Deployment follows, the same one.
  await saveKubernetesInstanceTypes({ caller: owner, input: { types: [...types, { ...gpu, vcpus: 16 }] } });
  const deployment = () => cluster.list("deployments", "inference").filter((d) => d.metadata.name === `ebb-${endpoint.id}`);
  await waitFor(() => deployment()[0]?.spec.template.spec.containers[0].resources.requests.cpu === "16", 30_000, "the Deployment resized");
  expect(deployment()).toHaveLength(1);
  const offers = await providerOffers({ caller: other });
  expect(offers.find((o) => o.name === "kubernetes")!.options).toEqual([{ id: "gpu-a100", label: "gpu-a100 · 8 vCPU · 64 GB · 1 GPU", pricePerHour: 1.1, storagePricePerHour: 0 }]);

  // A type an endpoint uses stays; a type the organization does not have is not offered.
  await expect(saveKubernetesInstanceTypes({ caller: owner, input: { types } })).rejects.toMatchObject({ fieldErrors: { types: [expect.stringMatching(/on-gpu uses gpu-a100/)] } });
  await expect(
    createEndpoint({ caller: other, input: { name: "small", provider: "kubernetes", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1, runtime: { name: "server" } } }),
  ).rejects.toMatchObject({ fieldErrors: { instanceType: ["Choose one of the cluster's instance types: gpu-a100."] } });
  // Bad rows are refused on their own fields, and nothing changes.
  await expect(saveKubernetesInstanceTypes({ caller: other, input: { types: [gpu, { ...gpu, pricePerHour: -1 }, { id: "Bad Name", vcpus: "", memoryGb: 1, gpus: 0.5, pricePerHour: 1 }] } })).rejects.toMatchObject({
    fieldErrors: {
      "types.1.pricePerHour": ["The price per hour is at least 0."],
      "types.2.vcpus": ["The vCPU count is at least 0.1."],
      "types.2.id": [expect.stringMatching(/^A name of lowercase letters/)],
      "types.2.gpus": ["The GPU count is a whole number."],
    },
  });
  await expect(saveKubernetesInstanceTypes({ caller: other, input: { types: [gpu, gpu] } })).rejects.toMatchObject({ fieldErrors: { "types.1.id": ['"gpu-a100" is listed twice.'] } });
  expect((await getKubernetesConnection({ caller: other }))!.instanceTypes).toEqual([{ ...gpu, pricePerHour: 1.1 }]);
  await deleteEndpoint({ caller: owner, name: "on-gpu" });
  cluster.setFaultRate(0.2);
});
