import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { reloadRuntimeCatalog } from "@/lib/runtimes/catalog";
import { createEndpoint, deleteEndpoint, updateEndpointPolicy } from "@/lib/services/endpoints";
import { deleteKubernetesConnection, getKubernetesConnection, saveKubernetesConnection } from "@/lib/services/kubernetes-connection";
import type { Caller } from "@/lib/services/caller";
import { createOrganization } from "../support/accounts";
import { withTestDatabase } from "../support/database";
import { completion, endpointRow, startTestEngine, waitFor, type TestEngine } from "../support/engine";
import { startKubeContractServer, type KubeContractServer } from "../support/kube-contract-server";

// As in a pod: the operator offers the cluster Ebb runs in, whose service account is mounted in a folder.
const serviceAccount = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/ebb-service-account-${process.pid}`;
  process.env.EBB_KUBERNETES_IN_CLUSTER_NAMESPACE = "shared-inference";
  process.env.EBB_KUBERNETES_SERVICE_ACCOUNT_DIR = dir;
  return { dir };
});

withTestDatabase();

const TOKEN = "in-cluster-service-account-token";
let cluster: KubeContractServer;
let ebb: TestEngine;

beforeAll(async () => {
  const runtimes = path.join(serviceAccount.dir, "ebb.config.json");
  fs.mkdirSync(serviceAccount.dir, { recursive: true });
  fs.writeFileSync(path.join(serviceAccount.dir, "token"), TOKEN);
  fs.writeFileSync(runtimes, JSON.stringify({ runtimes: [{ name: "server", image: "ghcr.io/acme/server:1.0", command: ["serve", "--port", "$PORT"], healthPath: "/health" }] }));
  process.env.EBB_RUNTIMES_FILE = runtimes;
  reloadRuntimeCatalog();
  cluster = await startKubeContractServer({ token: TOKEN, podReadyMs: 300 });
  process.env.KUBERNETES_SERVICE_HOST = "127.0.0.1";
  process.env.KUBERNETES_SERVICE_PORT = new URL(cluster.url).port;
  ebb = await startTestEngine();
});

afterAll(async () => {
  await ebb?.close();
  await cluster?.close();
  fs.rmSync(serviceAccount.dir, { recursive: true, force: true });
  for (const name of ["EBB_RUNTIMES_FILE", "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT"]) delete process.env[name];
  reloadRuntimeCatalog();
});

async function connectedOrganization(name: string): Promise<Caller> {
  const caller = await createOrganization(name);
  const view = await saveKubernetesConnection({ caller, input: { source: "in-cluster" } });
  expect(view).toMatchObject({ server: cluster.url, namespace: "shared-inference", tokenLast4: null, inCluster: true });
  return caller;
}

it("on the cluster Ebb runs in, requests go straight to the ready pods, balanced by the gateway, not through the API server", async () => {
  const owner = await connectedOrganization("In Cluster Org");
  const endpoint = await createEndpoint({
    caller: owner,
    input: { name: "chat", provider: "kubernetes", model: "acme/chat", instanceType: "cpu-small", minReplicas: 2, maxReplicas: 2, runtime: { name: "server" } },
  });
  await waitFor(async () => (await endpointRow(endpoint.id)).readyReplicas === 2, 30_000, "two ready replicas");
  const route = `/e/${owner.organizationSlug}/chat`;
  const answers = await Promise.all(Array.from({ length: 20 }, () => completion(ebb.url, route, { scaleUpTimeout: 30 })));
  expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
  expect(cluster.proxiedRequests()).toBe(0);
  // Both pods served: the gateway spreads the load over the EndpointSlice's addresses.
  expect([...cluster.podRequests().values()].filter((n) => n > 0)).toHaveLength(2);
  expect(cluster.list("deployments", "shared-inference")).toHaveLength(1);

  // Scaled to zero and woken by a request held through the cold start.
  await updateEndpointPolicy({ caller: owner, name: "chat", input: { minReplicas: 0, maxReplicas: 1 } });
  const woken = await completion(ebb.url, route, { scaleUpTimeout: 30 });
  expect(woken.status).toBe(200);
  expect(cluster.proxiedRequests()).toBe(0);

  // The connection cannot be removed while an endpoint runs there; once it is deleted, it can.
  await expect(deleteKubernetesConnection({ caller: owner })).rejects.toThrow(/Delete the endpoints on this cluster first \(chat\)/);
  await deleteEndpoint({ caller: owner, name: "chat" });
  await waitFor(async () => (await endpointRow(endpoint.id)).state === "deleted", 30_000, "the endpoint deleted");
  await deleteKubernetesConnection({ caller: owner });
  expect(await getKubernetesConnection({ caller: owner })).toBeNull();
});

it("the cluster's refusal of Ebb's own service account is the form's error, and nothing is saved", async () => {
  const caller = await createOrganization("Refused Org");
  fs.writeFileSync(path.join(serviceAccount.dir, "token"), "a-token-the-cluster-does-not-know");
  try {
    await expect(saveKubernetesConnection({ caller, input: { source: "in-cluster" } })).rejects.toMatchObject({
      fieldErrors: { source: [expect.stringMatching(/^The cluster refused the token: 401/)] },
    });
  } finally {
    fs.writeFileSync(path.join(serviceAccount.dir, "token"), TOKEN);
  }
  expect(await getKubernetesConnection({ caller })).toBeNull();
});
