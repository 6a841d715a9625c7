import { expect, test } from "./support/fixtures";

// The probe runtime (an operator's catalog entry in the test install) plays a hostile tenant server: it
// echoes the headers it receives and answers HTML that sets a cookie and runs a script.
test("a tenant's server on the console's origin never sees the session, sets no cookie and runs no script", async ({ page, auth }) => {
  const account = await auth.signUp();
  const consolePage = await page.goto("/endpoints/new");
  const headers = consolePage!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBeTruthy();

  await page.getByLabel("Name", { exact: true }).fill("tenant");
  await page.getByRole("textbox", { name: "Model" }).fill("acme/tenant");
  await page.getByLabel("Runtime").selectOption("probe");
  await page.getByRole("button", { name: "Fixed 4–4" }).click();
  await page.getByLabel("Accels", { exact: true }).fill("1");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.getByTestId("state-badge")).toHaveText("Running", { timeout: 30_000 });
  const namespace = (await page.getByTestId("endpoint-url").textContent())!.split("/e/")[1]!.split("/")[0]!;
  const sessionCookie = (await page.context().cookies()).find((c) => c.name.includes("session-token"));
  expect(sessionCookie?.httpOnly).toBe(true);

  // A link to the tenant's URL, opened by a signed-in person: the browser sends the session cookie to
  // Ebb, and Ebb does not pass it on.
  await page.goto(`/e/${namespace}/tenant/headers`);
  const seen = JSON.parse((await page.locator("body").textContent()) ?? "{}") as Record<string, string>;
  expect(seen["user-agent"]).toBeTruthy();
  expect(seen.cookie).toBeUndefined();

  // HTML that sets a cookie and runs a script: no cookie arrives, no script runs, and script in that
  // document cannot read the console's cookies (it has an opaque origin).
  const response = await page.goto(`/e/${namespace}/tenant/page`);
  expect(response!.headers()["content-security-policy"]).toBe("sandbox");
  await expect(page.getByText("tenant", { exact: true })).toBeVisible();
  expect(await page.title()).toBe("tenant page");
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain("tenant");
  const read = await page.evaluate(() => {
    try {
      return `read: ${document.cookie}`;
    } catch (error) {
      return `blocked: ${(error as Error).name}`;
    }
  });
  expect(read).toBe("blocked: SecurityError");

  // The session still works: nothing the tenant sent touched it.
  await page.goto("/");
  await auth.expectDashboard(account.organization);
});
