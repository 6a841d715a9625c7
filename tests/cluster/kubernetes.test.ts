import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { connectCluster } from "@/lib/cluster/link";
import type { ClusterBus } from "@/lib/cluster/bus";
import { reloadRuntimeCatalog } from "@/lib/runtimes/catalog";
import { createEndpoint } from "@/lib/services/endpoints";
import { saveKubernetesConnection } from "@/lib/services/kubernetes-connection";
import type { Caller } from "@/lib/services/caller";
import { createOrganization } from "../support/accounts";
import { testDatabaseUrl, withTestDatabase } from "../support/database";
import { completion } from "../support/engine";
import { startEbb, type EbbProcess } from "../support/ebb-process";
import { startKubeContractServer, type KubeContractServer } from "../support/kube-contract-server";

withTestDatabase();

const TOKEN = "cluster-service-account-token";
let kube: KubeContractServer;
let owner: Caller;
let cluster: ClusterBus;
const processes: EbbProcess[] = [];

beforeAll(async () => {
  // Every process of one install shares its secret key (README: several processes), so a token stored
  // through one decrypts in the others.
  process.env.EBB_SECRET_KEY = "cluster-test-secret-key-shared-by-all-processes";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ebb-kube-runtimes-"));
  const file = path.join(dir, "ebb.config.json");
  fs.writeFileSync(file, JSON.stringify({ runtimes: [{ name: "server", image: "ghcr.io/acme/server:1.0", command: ["serve", "--port", "$PORT"] }] }));
  process.env.EBB_RUNTIMES_FILE = file;
  reloadRuntimeCatalog();
  kube = await startKubeContractServer({ token: TOKEN, podReadyMs: 300 });
  owner = await createOrganization("Cluster Org");
  await saveKubernetesConnection({ caller: owner, input: { server: kube.url, token: TOKEN, namespace: "inference" } });
  const url = testDatabaseUrl()!;
  cluster = await connectCluster(url);
  const env = { EBB_RUNTIMES_FILE: file, EBB_SECRET_KEY: process.env.EBB_SECRET_KEY };
  processes.push(await startEbb("leader", url, env));
  processes.push(await startEbb("gateway", url, { ...env, EBB_ROLE: "gateway" }));
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await cluster?.close();
  await kube?.close();
  delete process.env.EBB_RUNTIMES_FILE;
  delete process.env.EBB_SECRET_KEY;
  reloadRuntimeCatalog();
});

it("an endpoint on Kubernetes serves through a process that does not lead, woken from zero there", async () => {
  await createEndpoint({
    caller: owner,
    input: { name: "on-cluster", provider: "kubernetes", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1, runtime: { name: "server" } },
  });
  for (const process of [...processes].reverse()) {
    const answer = await completion(process.url, `/e/${owner.organizationSlug}/on-cluster`, { scaleUpTimeout: 60 });
    expect(answer.status, `through ${process.name}`).toBe(200);
    expect(((await answer.json()) as { path: string }).path).toBe("/v1/completions");
  }
  expect(kube.list("deployments", "inference")).toHaveLength(1);
});
