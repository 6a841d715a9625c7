import { expect, test } from "./support/fixtures";
import { E2E_KUBE } from "./support/kube";

test("a Kubernetes cluster connected in the console runs an endpoint that serves through its URL", async ({ page, auth, request }) => {
  test.setTimeout(120_000);
  await auth.signUp();
  await page.goto("/settings/providers");
  const cluster = page.getByRole("region", { name: "Kubernetes" });
  await expect(cluster).toContainText("Not connected.");
  await cluster.getByLabel("API server").fill(E2E_KUBE.url);
  await cluster.getByLabel("Namespace").fill("inference");
  // A wrong token: the cluster's refusal, on the token field, and nothing saved.
  await cluster.getByLabel("Service account token").fill("not-the-service-account-token");
  await cluster.getByRole("button", { name: "Connect cluster" }).click();
  await expect(cluster.getByText("The cluster refused the token: 401 Unauthorized")).toBeVisible();
  await expect(cluster.getByLabel("Service account token")).toHaveAttribute("aria-invalid", "true");
  await cluster.getByLabel("Service account token").fill(E2E_KUBE.token);
  await cluster.getByRole("button", { name: "Connect cluster" }).click();
  await expect(page.getByTestId("k8s-connection")).toContainText(`Connected to ${E2E_KUBE.url}, namespace inference, with the token ending in …${E2E_KUBE.token.slice(-4)}`);

  await page.goto("/endpoints/new");
  await page.getByLabel("Name", { exact: true }).fill("on-cluster");
  await page.getByRole("textbox", { name: "Model" }).fill("acme/chat");
  await page.getByLabel("Provider").selectOption("kubernetes");
  await page.getByLabel("Runtime").selectOption("probe");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page).toHaveURL(/\/endpoints\/on-cluster$/);
  await expect(page.getByTestId("state-badge")).toHaveText("Running", { timeout: 30_000 });
  await expect(page.getByTestId("lifecycle-log")).toContainText("on Kubernetes (namespace inference)");

  // The endpoint URL reaches a pod through the API server's service proxy.
  const url = (await page.getByTestId("endpoint-url").textContent())!;
  const answer = await request.post(`${url}/v1/completions`, { data: { prompt: "hi" }, headers: { "x-scale-up-timeout": "30" } });
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({ path: "/v1/completions" });
  // Its replica logs are its pod's, read from the cluster.
  await page.reload();
  await expect(page.getByTestId("replica-logs")).toContainText("POST /v1/completions");
  const deployments = await request.get(`${E2E_KUBE.url}/apis/apps/v1/namespaces/inference/deployments?labelSelector=app.kubernetes.io/managed-by=ebb`, {
    headers: { authorization: `Bearer ${E2E_KUBE.token}` },
  });
  const names = ((await deployments.json()) as { items: { metadata: { labels: Record<string, string> } }[] }).items.map((d) => d.metadata.labels["app.kubernetes.io/name"]);
  expect(names.filter((n) => n?.startsWith("ebb-")).length).toBeGreaterThan(0);
});

test("a cluster connected from a pasted kubeconfig, and disconnected again", async ({ page, auth }) => {
  await auth.signUp();
  await page.goto("/settings/providers");
  const cluster = page.getByRole("region", { name: "Kubernetes" });
  await cluster.getByRole("radio", { name: "A kubeconfig" }).check();
  const kubeconfig = (token: string) =>
    [
      "apiVersion: v1",
      "kind: Config",
      "current-context: ci",
      "clusters:",
      `- {name: ci, cluster: {server: "${E2E_KUBE.url}"}}`,
      "contexts:",
      "- {name: ci, context: {cluster: ci, user: deployer, namespace: inference}}",
      "users:",
      `- {name: deployer, user: {token: ${token}}}`,
    ].join("\n");
  // The cluster refuses the token: said of the kubeconfig, which is not sent back to the page.
  await cluster.getByRole("textbox", { name: "kubeconfig" }).fill(kubeconfig("not-the-service-account-token"));
  await cluster.getByRole("button", { name: "Connect cluster" }).click();
  await expect(cluster.getByText("The cluster refused the token: 401 Unauthorized")).toBeVisible();
  await expect(cluster.getByRole("textbox", { name: "kubeconfig" })).toHaveAttribute("aria-invalid", "true");
  await expect(cluster.getByRole("textbox", { name: "kubeconfig" })).toHaveValue("");

  await cluster.getByRole("textbox", { name: "kubeconfig" }).fill(kubeconfig(E2E_KUBE.token));
  await cluster.getByRole("button", { name: "Connect cluster" }).click();
  await expect(page.getByTestId("k8s-connection")).toContainText(`Connected to ${E2E_KUBE.url}, namespace inference, with the token ending in …${E2E_KUBE.token.slice(-4)}`);

  // Its instance types: a GPU type added at a price; a bad row is refused on its own field, keeping what was typed.
  await expect(cluster.getByTestId("instance-type-row")).toHaveCount(3);
  await cluster.getByRole("button", { name: "Add instance type" }).click();
  const fill = async (values: string[]) => {
    for (const [i, label] of ["Name", "vCPUs", "Memory (GB)", "GPUs", "$ / hour"].entries()) await cluster.getByLabel(`${label} of instance type 4`).fill(values[i]!);
  };
  await fill(["gpu-a100", "8", "64", "1.5", "3.20"]);
  await cluster.getByRole("button", { name: "Save instance types" }).click();
  await expect(cluster.getByText("The GPU count is a whole number.")).toBeVisible();
  await expect(cluster.getByLabel("GPUs of instance type 4")).toHaveAttribute("aria-invalid", "true");
  await expect(cluster.getByLabel("Name of instance type 4")).toHaveValue("gpu-a100");
  await cluster.getByLabel("GPUs of instance type 4").fill("1");
  await cluster.getByRole("button", { name: "Save instance types" }).click();
  await expect(page.getByText("Instance types saved: new prices count from now on.")).toBeVisible();
  await page.reload();
  await expect(cluster.getByLabel("$ / hour of instance type 4")).toHaveValue("3.2");
  // New Inference offers it, with its price.
  await page.goto("/endpoints/new");
  await page.getByLabel("Provider").selectOption("kubernetes");
  await expect(page.getByLabel("Instance type")).toContainText("gpu-a100 · 8 vCPU · 64 GB · 1 GPU");

  await page.goto("/settings/providers");
  await cluster.getByRole("button", { name: "Disconnect cluster" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disconnect cluster" }).click();
  await expect(cluster).toContainText("Not connected.");
});
