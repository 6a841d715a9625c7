import { createApiToken, expect, test } from "./support/fixtures";

test("the playground streams an answer through the endpoint URL and says when it woke the endpoint", async ({ page, auth, request }) => {
  test.setTimeout(90_000);
  await auth.signUp();
  const token = await createApiToken(page, "playground");
  // The emulated model decodes at 40 tokens/s, so the answer visibly streams.
  const created = await request.post("/api/v1/endpoints", {
    headers: { authorization: `Bearer ${token}` },
    data: { name: "try-me", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1, runtime: { name: "builtin", loadSeconds: 1, tokensPerSecond: 40 } },
  });
  expect(created.status()).toBe(201);
  await page.goto("/endpoints/try-me");
  await expect(page.getByTestId("state-badge")).toHaveText("Running", { timeout: 30_000 });
  await page.getByRole("button", { name: "Scale to zero", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Scale to zero", exact: true }).click();
  await expect(page.getByTestId("state-badge")).toHaveText("Scaled to zero", { timeout: 30_000 });

  const playground = page.getByTestId("playground");
  await playground.getByLabel("Prompt").fill("We hold these truths to be");
  await playground.getByLabel("Max tokens").fill("24");
  await playground.getByRole("button", { name: "Send" }).click();
  await expect(playground.getByTestId("playground-woke")).toContainText("Woke the endpoint: waited", { timeout: 30_000 });
  const answer = (await playground.getByTestId("playground-answer").textContent())!.trim();
  expect(answer.split(/\s+/).length).toBeGreaterThan(3);
  await expect(playground.getByTestId("playground-timings")).toContainText("Tokens/s");
  await expect(page.getByTestId("state-badge")).toHaveText("Running");

  // Again, warm: no wait for a start.
  await playground.getByRole("button", { name: "Send" }).click();
  await expect(playground.getByTestId("playground-woke")).toHaveText("No: a replica was ready", { timeout: 20_000 });

  // The same call from code, with the endpoint's URL and model.
  await playground.getByRole("button", { name: "JavaScript" }).click();
  const url = await page.getByTestId("endpoint-url").textContent();
  await expect(playground.getByTestId("playground-snippet")).toContainText(`fetch("${url}/v1/chat/completions"`);
  await playground.getByRole("button", { name: "Python" }).click();
  await expect(playground.getByTestId("playground-snippet")).toContainText(`base_url="${url}/v1"`);
  await expect(playground.getByTestId("playground-snippet")).toContainText('model="acme/chat"');
});
