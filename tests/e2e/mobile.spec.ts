import { createApiToken, expect, test } from "./support/fixtures";

test.use({ viewport: { width: 390, height: 844 } });

test("on a 390 px screen every page fits its width and every section is reachable from the menu", async ({ page, auth, request }) => {
  test.setTimeout(90_000);
  await auth.signUp();
  const token = await createApiToken(page, "mobile");
  const created = await request.post("/api/v1/endpoints", { headers: { authorization: `Bearer ${token}` }, data: { name: "phone", model: "acme/chat", instanceType: "cpu-small", minReplicas: 0, maxReplicas: 1 } });
  expect(created.status()).toBe(201);

  for (const path of ["/", "/endpoints", "/endpoints/phone", "/endpoints/new", "/costs", "/settings"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    // What sticks out, named, so a failure says where.
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.parentElement?.closest(".overflow-x-auto, pre, [hidden]"))
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}`);
      return { scrollWidth: document.documentElement.scrollWidth, wide };
    });
    expect(overflow, `${path}: ${overflow.wide.join(", ")}`).toMatchObject({ scrollWidth: expect.any(Number) });
    expect(overflow.scrollWidth, `${path} is wider than the screen: ${overflow.wide.join(", ")}`).toBeLessThanOrEqual(390);
  }

  // The menu reaches every section, and Sign out.
  for (const [link, heading] of [
    ["Endpoints", "Endpoints"],
    ["Costs", "Costs"],
    ["Settings", /Settings|Members/],
    ["Dashboard", "Dashboard"],
  ] as const) {
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("navigation", { name: "Main (menu)" }).getByRole("link", { name: link }).click();
    await expect(page.getByRole("heading", { level: 1 }).first()).toHaveText(heading);
    await expect(page.getByRole("navigation", { name: "Main (menu)" })).toBeHidden();
  }
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
});
