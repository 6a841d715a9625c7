import type { Browser, Page } from "@playwright/test";
import { AuthPages, createApiToken, PASSWORD, uniqueEmail } from "./fixtures";

/** Owner of a fresh organization, a viewer of it and the owner of another one, each with an API token. */
export async function tokensForRoles(page: Page, browser: Browser) {
  const auth = new AuthPages(page);
  const owner = await auth.signUp();
  const ownerToken = await createApiToken(page, "owner");

  const viewerEmail = uniqueEmail("viewer");
  await page.goto("/settings/members");
  const form = page.getByRole("region", { name: "Add a member" });
  await form.getByLabel("Name").fill("Vi Ewer");
  await form.getByLabel("Email").fill(viewerEmail);
  await form.getByLabel("Initial password").fill(PASSWORD);
  await form.getByLabel("Role").selectOption("viewer");
  await form.getByRole("button", { name: "Add member" }).click();
  await page.getByTestId(`member-${viewerEmail}`).waitFor();

  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  await viewerPage.goto("/login");
  await new AuthPages(viewerPage).signIn(viewerEmail, PASSWORD);
  await viewerPage.getByRole("heading", { name: "Dashboard" }).waitFor();
  const viewerToken = await createApiToken(viewerPage, "viewer");
  await viewerContext.close();

  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  await new AuthPages(otherPage).signUp();
  const foreignToken = await createApiToken(otherPage, "foreign");
  await otherContext.close();

  return { owner, ownerToken, viewerToken, foreignToken };
}
