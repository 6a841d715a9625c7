import type { Browser, Page } from "@playwright/test";
import { acceptInvitation, AuthPages, expect, invite, PASSWORD, test, uniqueEmail } from "./support/fixtures";

/** Invites a person and has them accept in a browser of their own; they are then a member of the list. */
async function addMember(page: Page, browser: Browser, member: { name: string; email: string; role: string }) {
  const link = await invite(page, member.email, member.role);
  const joined = await acceptInvitation(browser, link, member.name);
  await joined.close();
  await page.reload();
  await expect(page.getByTestId(`member-${member.email}`)).toBeVisible();
}

test("an owner invites, promotes and removes members; the last owner stays", async ({ page, auth, browser }) => {
  const owner = await auth.signUp();
  await page.goto("/settings/members");
  const viewerEmail = uniqueEmail("viewer");
  await addMember(page, browser, { name: "Vera Viewer", email: viewerEmail, role: "Viewer" });

  // Promote the viewer to member; the change persists across a reload.
  await page.getByLabel(`Role of ${viewerEmail}`).selectOption("member");
  await expect(page.getByTestId(`member-${viewerEmail}`).getByRole("status")).toHaveText("Role updated.");
  await page.reload();
  await expect(page.getByLabel(`Role of ${viewerEmail}`)).toHaveValue("member");

  // The last owner cannot demote themselves: the error shows and the role stays.
  await page.getByLabel(`Role of ${owner.email}`).selectOption("admin");
  await expect(page.getByTestId(`member-${owner.email}`).getByRole("alert")).toHaveText(/at least one owner/);
  await page.reload();
  await expect(page.getByLabel(`Role of ${owner.email}`)).toHaveValue("owner");

  // Removing the member ends their access.
  await page.getByRole("button", { name: `Remove ${viewerEmail}` }).click();
  await page.getByRole("dialog", { name: `Remove ${viewerEmail}?` }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByTestId(`member-${viewerEmail}`)).toHaveCount(0);
  await expect(page.getByTestId("toasts")).toContainText(`Removed ${viewerEmail}.`);

  const context = await browser.newContext();
  const removedPage = await context.newPage();
  await removedPage.goto("/login");
  await new AuthPages(removedPage).signIn(viewerEmail, PASSWORD);
  await expect(new AuthPages(removedPage).formAlert()).toHaveText("Incorrect email or password.");
  await context.close();
});

test("bad invitation input shows field errors and invites nobody", async ({ page, auth }) => {
  const owner = await auth.signUp();
  await page.goto("/settings/members");
  const form = page.getByRole("region", { name: "Invite a member" });
  await form.getByLabel("Email").fill(owner.email);
  await form.getByRole("button", { name: "Create invitation" }).click();
  await expect(form.getByText("This person already has an Ebb account.")).toBeVisible();
  await form.getByLabel("Email").fill("nope");
  await form.getByRole("button", { name: "Create invitation" }).click();
  await expect(form.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Pending invitations" })).toHaveCount(0);
});

test("a viewer gets a 403 page on member management", async ({ page, auth, browser }) => {
  await auth.signUp();
  await page.goto("/settings/members");
  const viewerEmail = uniqueEmail("viewer");
  await addMember(page, browser, { name: "Vic Viewer", email: viewerEmail, role: "Viewer" });

  const context = await browser.newContext();
  const viewerPage = await context.newPage();
  await viewerPage.goto("/login");
  await new AuthPages(viewerPage).signIn(viewerEmail, PASSWORD);
  await expect(viewerPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const response = await viewerPage.goto("/settings/members");
  expect(response?.status()).toBe(403);
  await expect(viewerPage.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(viewerPage.getByText(viewerEmail)).toBeVisible(); // the header still says who they are
  await expect(viewerPage.getByRole("region", { name: "Invite a member" })).toHaveCount(0);
  await context.close();
});

test("a member of another organization sees none of this organization's data", async ({ page, auth, browser }) => {
  const ours = await auth.signUp();
  await page.goto("/settings/members");
  const colleague = uniqueEmail("colleague");
  await addMember(page, browser, { name: "Col League", email: colleague, role: "Member" });

  const context = await browser.newContext();
  const theirPage = await context.newPage();
  const theirs = await new AuthPages(theirPage).signUp();
  await expect(theirPage.getByText(ours.organization)).toHaveCount(0);
  await theirPage.goto("/settings/members");
  await expect(theirPage.getByRole("heading", { name: `Members of ${theirs.organization}` })).toBeVisible();
  await expect(theirPage.locator("tbody tr")).toHaveCount(1);
  await expect(theirPage.getByText(colleague)).toHaveCount(0);
  await expect(theirPage.getByText(ours.email)).toHaveCount(0);
  await context.close();
});
