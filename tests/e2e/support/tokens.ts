import type { Browser, Page } from "@playwright/test";
import { acceptInvitation, AuthPages, createApiToken, invite, uniqueEmail } from "./fixtures";

/** Owner of a fresh organization, a viewer of it and the owner of another one, each with an API token. */
export async function tokensForRoles(page: Page, browser: Browser) {
  const auth = new AuthPages(page);
  const owner = await auth.signUp();
  const ownerToken = await createApiToken(page, "owner");

  const link = await invite(page, uniqueEmail("viewer"), "Viewer");
  const viewer = await acceptInvitation(browser, link, "Vi Ewer");
  const viewerToken = await createApiToken(viewer.page, "viewer");
  await viewer.close();

  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  await new AuthPages(otherPage).signUp();
  const foreignToken = await createApiToken(otherPage, "foreign");
  await otherContext.close();

  return { owner, ownerToken, viewerToken, foreignToken };
}
