import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

async function newInference(page: Page, name: string) {
  await page.goto("/endpoints/new");
  await expect(page.getByRole("heading", { name: "New Inference" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("textbox", { name: "Model" }).fill("acme/ngram-chat");
}

const estimate = (page: Page) => page.getByTestId("estimate");

test("create with auto-scaling 0–2, edit to 2–10, then fixed at 4; presets and the estimate follow", async ({ page, auth }) => {
  await auth.signUp();
  await newInference(page, "chat");
  const autoscaling = page.getByRole("switch", { name: "Enable Auto-scaling" });
  await expect(autoscaling).toHaveAttribute("aria-checked", "true");

  // Each preset fills the fields; the estimate follows ($0.15/h per replica on cpu-small).
  const presets: Array<[string, string, string, string]> = [
    ["Performance 2–10", "2", "10", "$0.30/h"],
    ["Production 3–15", "3", "15", "$0.45/h"],
    // At zero replicas the ledger still charges storage ($0.015/h by default): the estimate says so.
    ["Development 0–1", "0", "1", "$0.015/h"],
    ["Cost-optimized 0–2", "0", "2", "$0.015/h"],
  ];
  for (const [preset, min, max, idle] of presets) {
    await page.getByRole("button", { name: preset }).click();
    await expect(page.getByLabel("Min Accels")).toHaveValue(min);
    await expect(page.getByLabel("Max Accels")).toHaveValue(max);
    await expect(estimate(page)).toContainText(`Idle${idle}`);
  }
  await page.getByRole("button", { name: "Fixed 4–4" }).click();
  await expect(autoscaling).toHaveAttribute("aria-checked", "false");
  await expect(page.getByLabel("Accels", { exact: true })).toHaveValue("4");
  await expect(estimate(page)).toContainText("$0.60/h");
  await page.getByRole("button", { name: "Batch 5–5" }).click();
  await expect(page.getByLabel("Accels", { exact: true })).toHaveValue("5");
  await expect(estimate(page)).toContainText("$547.50");

  // Back to auto-scaling 0–2 and a larger instance: the estimate uses its price.
  await page.getByRole("button", { name: "Cost-optimized 0–2" }).click();
  await expect(page.getByLabel("Scale to zero after (minutes)")).toBeVisible();
  await page.getByLabel("Instance type").selectOption("cpu-medium");
  await expect(estimate(page)).toContainText("At max$0.60/h");
  await page.getByRole("button", { name: "Create endpoint" }).click();

  await expect(page).toHaveURL(/\/endpoints\/chat$/);
  await expect(page.getByRole("heading", { name: "chat", exact: true })).toBeVisible();
  await expect(page.getByTestId("state-badge")).toHaveText(/Running|Scaled to zero/);
  await expect(page.getByTestId("endpoint-url")).toHaveText(/\/e\/[a-z0-9-]+\/chat$/);

  // Edit to 2–10: the change is shown before saving.
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Min Accels").fill("2");
  await page.getByLabel("Max Accels").fill("10");
  await expect(page.getByTestId("policy-diff")).toContainText("auto-scaling 0–2");
  await expect(page.getByTestId("policy-diff")).toContainText("auto-scaling 2–10");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByTestId("policy")).toContainText("2–10");
  // Min 2: replicas start and the endpoint runs.
  await expect(page.getByTestId("state-badge")).toHaveText("Running", { timeout: 30_000 });

  // Auto-scaling off with 4 Accels.
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByRole("switch", { name: "Enable Auto-scaling" }).click();
  await page.getByLabel("Accels", { exact: true }).fill("4");
  await expect(page.getByTestId("policy-diff")).toContainText("4 fixed");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByTestId("policy")).toContainText("Off (fixed)");
  await expect(page.getByText("4 ready / 4 target")).toBeVisible({ timeout: 30_000 });

  // The lifecycle log names who did what.
  const log = page.getByTestId("lifecycle-log");
  await expect(log).toContainText("Created with auto-scaling 0–2 replicas");
  await expect(log).toContainText("Policy changed from auto-scaling 0–2 to auto-scaling 2–10 replicas");
  await expect(log).toContainText("Policy changed from auto-scaling 2–10 to 4 fixed replicas");
  await expect(log.getByText(/@example\.com/).first()).toBeVisible();
});

test("bad input shows field errors and creates nothing", async ({ page, auth }) => {
  await auth.signUp();
  const cases: Array<{ name: string; min: string; max: string; field: string; error: RegExp }> = [
    { name: "minmax", min: "3", max: "2", field: "Min Accels", error: /cannot be above Max Accels/ },
    { name: "negative", min: "-1", max: "2", field: "Min Accels", error: /cannot be negative/ },
    { name: "fraction", min: "0", max: "1.5", field: "Max Accels", error: /whole number/ },
    { name: "quota", min: "0", max: "21", field: "Max Accels", error: /at most 20/ },
    { name: "Bad_Name", min: "0", max: "2", field: "Name", error: /lowercase letters/ },
  ];
  for (const c of cases) {
    await newInference(page, c.name);
    await page.getByLabel("Min Accels").fill(c.min);
    await page.getByLabel("Max Accels").fill(c.max);
    const field = c.field === "Name" ? page.getByLabel("Name", { exact: true }) : page.getByLabel(c.field);
    if (c.field !== "Name") {
      // Checked as the user types, by the server's own schema: the error shows and no cost is estimated.
      await expect(page.getByText(c.error)).toBeVisible();
      await expect(page.getByTestId("estimate")).toHaveText("Fix the scaling fields to see the cost.");
    }
    await page.getByRole("button", { name: "Create endpoint" }).click();
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(c.error)).toBeVisible();
    // Focus lands on the field in error, whether the form or the server refused it.
    await expect(field).toBeFocused();
    await expect(page).toHaveURL(/\/endpoints\/new$/);
  }
  // Fixed, the error goes at once and the estimate is back.
  await page.getByLabel("Max Accels").fill("1.5");
  await expect(page.getByLabel("Max Accels")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Max Accels").fill("3");
  await expect(page.getByLabel("Max Accels")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("estimate")).toContainText("At max");

  // A duplicate name: the first is created, the second refused.
  await newInference(page, "twice");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page).toHaveURL(/\/endpoints\/twice$/);
  await newInference(page, "twice");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.getByText("An endpoint with this name already exists in your organization.")).toBeVisible();

  await page.goto("/endpoints");
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("endpoint-row-twice")).toBeVisible();
});

test("pause, resume and delete from the console, with the URL following", async ({ page, auth, request }) => {
  await auth.signUp();
  await newInference(page, "lifecycle");
  await page.getByRole("button", { name: "Fixed 4–4" }).click();
  await page.getByLabel("Accels", { exact: true }).fill("1");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.getByTestId("state-badge")).toHaveText("Running", { timeout: 30_000 });
  const url = (await page.getByTestId("endpoint-url").textContent())!;
  const call = () => request.post(`${url}/v1/completions`, { data: { prompt: "We hold", max_tokens: 4 }, headers: { "x-scale-up-timeout": "30" } });
  expect((await call()).status()).toBe(200);

  // Pause asks first, saying what it does; Cancel changes nothing.
  await page.getByRole("button", { name: "Pause" }).click();
  const dialog = page.getByRole("dialog", { name: "Pause lifecycle?" });
  await expect(dialog).toContainText("its URL refuses requests until you resume it");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("state-badge")).toHaveText("Running");
  await page.getByRole("button", { name: "Pause" }).click();
  await dialog.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByTestId("state-badge")).toHaveText("Paused");
  await expect(page.getByTestId("toasts")).toContainText("Paused lifecycle.");
  await expect(page.getByRole("button", { name: "Pause" })).toBeDisabled();
  await expect(page.getByText("The endpoint is already paused.")).toBeVisible();
  const paused = await call();
  expect(paused.status()).toBe(503);
  expect((await paused.json()).error).toMatch(/is paused/);

  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByTestId("state-badge")).toHaveText("Running", { timeout: 30_000 });
  expect((await call()).status()).toBe(200);

  // Delete asks for the name first, in the same dialog.
  await page.getByRole("button", { name: "Delete" }).click();
  const deleteDialog = page.getByRole("dialog", { name: "Delete lifecycle?" });
  await deleteDialog.getByRole("button", { name: "Delete" }).click();
  await expect(deleteDialog.getByText("Type lifecycle to confirm.")).toBeVisible();
  await deleteDialog.getByLabel("Type lifecycle to confirm").fill("lifecycle");
  await deleteDialog.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/endpoints$/);
  await expect(page.getByTestId("toasts")).toContainText("Deleted lifecycle.");
  await expect(page.getByTestId("endpoint-row-lifecycle")).toHaveCount(0);
  await expect.poll(async () => (await call()).status()).toBe(404);
  expect((await page.goto(`/endpoints/lifecycle`))?.status()).toBe(404);
});

test("the list pauses and resumes from the row", async ({ page, auth }) => {
  await auth.signUp();
  await newInference(page, "rowed");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page).toHaveURL(/\/endpoints\/rowed$/);
  await page.goto("/endpoints");
  const row = page.getByTestId("endpoint-row-rowed");
  await row.getByRole("button", { name: "Pause" }).click();
  await page.getByRole("dialog", { name: "Pause rowed?" }).getByRole("button", { name: "Pause" }).click();
  await expect(row.getByTestId("state-badge")).toHaveText("Paused");
  await row.getByRole("button", { name: "Resume" }).click();
  await expect(row.getByTestId("state-badge")).toHaveText(/Scaled to zero|Running/);
});

test("a schedule shown on the endpoint page pauses the endpoint outside its window", async ({ page, auth }) => {
  await auth.signUp();
  await newInference(page, "scheduled");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page).toHaveURL(/\/endpoints\/scheduled$/);
  await expect(page.getByTestId("schedule")).toHaveText("Runs at all times (no schedule).");

  // A window two hours from now, every day: now is outside it.
  const hour = new Date().getUTCHours();
  const hh = (h: number) => `${String(h % 24).padStart(2, "0")}:00`;
  for (const day of ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]) await page.getByLabel(day, { exact: true }).check();
  await page.getByLabel("From", { exact: true }).fill(hh(hour + 2));
  await page.getByLabel("To", { exact: true }).fill(hh(hour + 3));
  await page.getByLabel("Time zone").fill("UTC");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByTestId("schedule")).toHaveText(`Running every day ${hh(hour + 2)}–${hh(hour + 3)} UTC, paused otherwise`);
  await expect(page.getByTestId("state-badge")).toHaveText("Paused", { timeout: 30_000 });
  await expect(page.getByTestId("lifecycle-log")).toContainText("Paused by schedule");

  await page.getByLabel("Time zone").fill("Mars/Olympus");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByText("Use an IANA time zone such as Europe/Paris.")).toBeVisible();

  await page.getByRole("button", { name: "Remove schedule" }).click();
  await expect(page.getByTestId("schedule")).toHaveText("Runs at all times (no schedule).");
});
