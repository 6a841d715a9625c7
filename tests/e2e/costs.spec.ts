import { expect, test } from "./support/fixtures";

test("a budget crossing shows the banner and the event, and pause at budget pauses the endpoint", async ({ page, auth }) => {
  test.setTimeout(120_000);
  await auth.signUp();
  await page.goto("/endpoints/new");
  await page.getByLabel("Name", { exact: true }).fill("budgeted");
  await page.getByRole("textbox", { name: "Model" }).fill("acme/chat");
  await page.getByRole("button", { name: "Fixed 4–4" }).click();
  await page.getByLabel("Accels", { exact: true }).fill("1");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.getByTestId("state-badge")).toHaveText("Running", { timeout: 30_000 });

  // One replica at $0.15/h costs a tenth of a cent in 24 s: a budget of $0.0001 is soon reached.
  await page.goto("/costs");
  const row = page.getByTestId("budget-row-budgeted");
  await row.getByLabel("Monthly budget of budgeted ($)").fill("0.0001");
  await row.getByLabel("Pause budgeted when its budget is reached").check();
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText("Saved.");

  await expect(async () => {
    await page.goto("/endpoints/budgeted");
    await expect(page.getByTestId("budget-banner")).toContainText("budgeted was paused: it reached its budget of $0.0001", { timeout: 1000 });
  }).toPass({ timeout: 60_000, intervals: [2000] });
  await expect(page.getByTestId("state-badge")).toHaveText("Paused", { timeout: 15_000 });
  const log = page.getByTestId("lifecycle-log");
  await expect(log).toContainText("crosses this endpoint's budget of $0.0001");
  await expect(log).toContainText("Paused: this month's cost");
  await expect(log.getByText("Budget limit", { exact: true }).first()).toBeVisible();

  // The cost is on the Costs page and in the CSV.
  await page.goto("/costs");
  await expect(page.getByTestId("costs-by-endpoint")).toContainText("budgeted");
  await expect(page.getByTestId("costs-by-instance-type")).toContainText("cpu-small");
  const csv = await page.request.get((await page.getByRole("link", { name: "Export CSV" }).getAttribute("href"))!);
  expect(csv.headers()["content-type"]).toMatch(/text\/csv/);
  const lines = (await csv.text()).trim().split("\n");
  expect(lines[0]).toBe("date,endpoint,deleted,instance_type,replica_hours,compute_usd,storage_usd,total_usd");
  expect(lines.some((l) => /,budgeted,no,cpu-small,/.test(l))).toBe(true);

  // The range's cost per day is charted; quick ranges pick whole days; To before From is a field error.
  await expect(page.getByTestId("chart-cost-per-day").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await page.getByRole("link", { name: "Last 7 days" }).click();
  await expect(page.getByRole("link", { name: "Last 7 days" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("costs-by-endpoint")).toContainText("budgeted");
  await page.getByLabel("From").fill("2026-11-20");
  await page.getByLabel("To").fill("2026-11-10");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText("To must be on or after From.")).toBeVisible();
  await expect(page.getByLabel("To")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("costs-by-endpoint")).toHaveCount(0);
  // Endpoint names lead to their pages.
  await page.getByRole("link", { name: "This month" }).click();
  await page.getByTestId("costs-by-endpoint").getByRole("link", { name: "budgeted" }).click();
  await expect(page.getByRole("heading", { name: "budgeted" })).toBeVisible();
});
