import { expect, test } from "./support/fixtures";
import { E2E_HF } from "./support/hf";

test("a Hugging Face token is stored for the organization and never sent to the browser", async ({ page, auth }) => {
  await auth.signUp();
  // Everything the browser receives from here on: pages, RSC payloads, JSON.
  const bodies: string[] = [];
  page.on("response", async (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (/html|json|text|x-component/.test(type)) bodies.push(await response.text().catch(() => ""));
  });

  await page.goto("/settings/providers");
  await page.getByLabel("Access token").fill("hf_wrongTokenValueZZ99");
  await page.getByRole("region", { name: "Hugging Face Inference Endpoints" }).getByLabel("Namespace").fill(E2E_HF.user);
  await page.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connection saved." })).toBeVisible();
  await expect(page.getByTestId("hf-connection")).toContainText("…ZZ99");

  // A wrong token: the provider's own message under Test connection.
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText("Hugging Face said: Invalid user token.")).toBeVisible();

  await page.getByLabel("Access token").fill(E2E_HF.token);
  await page.getByRole("region", { name: "Hugging Face Inference Endpoints" }).getByLabel("Namespace").fill(E2E_HF.user);
  await page.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByTestId("hf-connection")).toContainText(`…${E2E_HF.token.slice(-4)}`);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(`Connected as ${E2E_HF.user}; endpoints go to the ${E2E_HF.user} namespace.`)).toBeVisible();

  await page.reload();
  await page.goto("/");
  await page.goto("/settings/providers");
  await expect(page.getByTestId("hf-connection")).toBeVisible();
  expect(bodies.length).toBeGreaterThan(5);
  for (const body of bodies) {
    expect(body).not.toContain("wrongTokenValue");
    expect(body).not.toContain(E2E_HF.token);
  }
});
