import { expect, test } from "./support/fixtures";

// The console opened on another name than localhost, as on a shared machine (gpu-box.internal:3999).
const PORT = Number(process.env.E2E_PORT ?? 3100);
const origin = `http://127.0.0.1:${PORT}`;
test.use({ baseURL: origin });

test("endpoint URLs keep the host the console was opened on, on the page, after a live refresh and in the API", async ({ page, auth }) => {
  await auth.signUp();
  await page.goto("/endpoints/new");
  await page.getByLabel("Name", { exact: true }).fill("where");
  await page.getByRole("textbox", { name: "Model" }).fill("acme/where");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  const url = page.getByTestId("endpoint-url");
  await expect(url).toContainText(`${origin}/e/`);

  // The page refreshes its endpoint from the API while it starts; the URL stays on this host.
  const refreshed = page.waitForResponse((r) => r.url().includes("/api/console/endpoints/where") && r.status() === 200);
  await refreshed;
  await page.waitForTimeout(500);
  await expect(url).toContainText(`${origin}/e/`);
  const api = await (await page.request.get("/api/console/endpoints/where")).json();
  expect(api.endpoint.url).toMatch(new RegExp(`^${origin}/e/[^/]+/where$`));
  await expect(url).toHaveText(api.endpoint.url);

  // The replica's own output, live on the same page: the built-in server says when its model is loaded.
  await expect(page.getByTestId("replica-log-lines")).toContainText('"event":"ready"', { timeout: 30_000 });
  await expect(page.getByTestId("replica-logs").getByRole("button", { pressed: true })).toContainText("ready");
});
