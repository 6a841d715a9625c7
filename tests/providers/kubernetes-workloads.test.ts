import { request } from "undici";
import { afterAll, beforeAll, expect, it } from "vitest";
import { KubernetesWorkloads, kubeConfigFor, type WorkloadSpec } from "@/lib/providers/kubernetes/workloads";
import { startKubeContractServer, type KubeContractServer } from "../support/kube-contract-server";
import { waitFor } from "../support/engine";

const TOKEN = "service-account-token";
const NAMESPACE = "ebb";
let cluster: KubeContractServer;
let workloads: KubernetesWorkloads;

const spec = (name: string, image = "ghcr.io/acme/model-server:1.4"): WorkloadSpec => ({
  name,
  endpointId: `id-${name}`,
  image,
  args: ["--model", "acme/chat"],
  port: 8080,
  healthPath: "/health",
  resources: { cpu: "2", memory: "4Gi" },
});

beforeAll(async () => {
  // One request in five fails (429 or 500, some after the change was made) and watches drop.
  cluster = await startKubeContractServer({ token: TOKEN, podReadyMs: 300, faults: { rate: 0.2, seed: 11 }, history: 50 });
  workloads = new KubernetesWorkloads(kubeConfigFor({ server: cluster.url, token: TOKEN }), NAMESPACE, { backoffMs: 50, attempts: 12 });
  await workloads.start();
});

afterAll(async () => {
  workloads?.stop();
  await cluster?.close();
});

async function throughProxy(name: string) {
  const answer = await request(`${workloads.proxyUrl(name)}/v1/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ prompt: "hi", max_tokens: 2 }),
  });
  return { status: answer.statusCode, body: (await answer.body.json()) as { pod?: string; path?: string } };
}

it("goes through create, scale 0→2, requests, scale to zero, pause, resume and delete under faults, with one Deployment throughout", async () => {
  // Two applies at once, as a retried create would race: one Deployment, one Service.
  await Promise.all([workloads.apply(spec("chat")), workloads.apply(spec("chat"))]);
  expect(cluster.list("deployments", NAMESPACE).map((d) => d.metadata.name)).toEqual(["chat"]);
  expect(cluster.list("services", NAMESPACE).map((s) => s.metadata.name)).toEqual(["chat"]);
  expect(workloads.state("chat").desired).toBe(0);

  await workloads.scale("chat", 2);
  await waitFor(() => workloads.state("chat").ready === 2, 20_000, "two ready pods, seen through the watch");
  expect(workloads.readyAddresses("chat")).toHaveLength(2);

  const answers = await Promise.all(Array.from({ length: 10 }, () => throughProxy("chat")));
  expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
  expect(answers[0]!.body.path).toBe("/v1/completions");

  // Scale to zero, then pause (zero as well, kept there): no pod left, nothing served.
  await workloads.scale("chat", 0);
  await waitFor(() => workloads.state("chat").ready === 0 && cluster.list("pods", NAMESPACE).length === 0, 20_000, "no pod left");
  expect((await throughProxy("chat")).status).toBe(503);

  // Resume: back to one replica, serving again; applying the same spec again changes nothing.
  await workloads.apply(spec("chat"));
  await workloads.scale("chat", 1);
  await waitFor(() => workloads.state("chat").ready === 1, 20_000, "one ready pod after the resume");
  expect((await throughProxy("chat")).status).toBe(200);
  expect(cluster.list("deployments", NAMESPACE)).toHaveLength(1);

  await workloads.remove("chat");
  await workloads.remove("chat");
  expect(cluster.list("deployments", NAMESPACE)).toEqual([]);
  expect(cluster.list("services", NAMESPACE)).toEqual([]);
  await waitFor(() => workloads.state("chat").desired === 0 && cluster.list("pods", NAMESPACE).length === 0, 20_000, "the deletion seen");
  // It went through the faults, not around them.
  expect(cluster.injected().failedAnswers).toBeGreaterThan(0);
});

it("an image that cannot be pulled is a failure in Kubernetes' own words", async () => {
  await workloads.apply(spec("broken", "unpullable/acme/missing:latest"));
  await workloads.scale("broken", 1);
  const failure = await waitFor(() => workloads.state("broken").failure, 20_000, "the pull failure");
  expect(failure).toMatch(/^ImagePullBackOff: Back-off pulling image "unpullable\/acme\/missing:latest"/);
  expect(workloads.state("broken").ready).toBe(0);
  await workloads.remove("broken");
});
