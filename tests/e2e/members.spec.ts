import type { Page } from "@playwright/test";
import { AuthPages, expect, PASSWORD, test, uniqueEmail } from "./support/fixtures";

async function addMember(page: Page, member: { name: string; email: string; role: string }) {
  const form = page.getByRole("region", { name: "Add a member" });
  await form.getByLabel("Name").fill(member.name);
  await form.getByLabel("Email").fill(member.email);
  await form.getByLabel("Initial password").fill(PASSWORD);
  await form.getByLabel("Role").selectOption({ label: member.role });
  await form.getByRole("button", { name: "Add member" }).click();
  await expect(form.getByRole("status")).toHaveText(`${member.email} was added. Share the initial password with them.`);
  await expect(page.getByTestId(`member-${member.email}`)).toBeVisible();
}

test("an owner adds, promotes and removes members; the last owner stays", async ({ page, auth, browser }) => {
  const owner = await auth.signUp();
  await page.goto("/settings/members");
  const viewerEmail = uniqueEmail("viewer");
  await addMember(page, { name: "Vera Viewer", email: viewerEmail, role: "Viewer" });

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
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `Remove ${viewerEmail}` }).click();
  await expect(page.getByTestId(`member-${viewerEmail}`)).toHaveCount(0);

  const context = await browser.newContext();
  const removedPage = await context.newPage();
  await removedPage.goto("/login");
  await new AuthPages(removedPage).signIn(viewerEmail, PASSWORD);
  await expect(new AuthPages(removedPage).formAlert()).toHaveText("Incorrect email or password.");
  await context.close();
});

test("bad member input shows field errors and adds nobody", async ({ page, auth }) => {
  const owner = await auth.signUp();
  await page.goto("/settings/members");
  const form = page.getByRole("region", { name: "Add a member" });
  await form.getByLabel("Name").fill("Dup");
  await form.getByLabel("Email").fill(owner.email);
  await form.getByLabel("Initial password").fill(PASSWORD);
  await form.getByRole("button", { name: "Add member" }).click();
  await expect(form.getByText("An account with this email already exists. Sign in instead.")).toBeVisible();
  await form.getByLabel("Email").fill("nope");
  await form.getByLabel("Initial password").fill("short");
  await form.getByRole("button", { name: "Add member" }).click();
  await expect(form.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(form.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(1);
});

test("a viewer gets a 403 page on member management", async ({ page, auth, browser }) => {
  await auth.signUp();
  await page.goto("/settings/members");
  const viewerEmail = uniqueEmail("viewer");
  await addMember(page, { name: "Vic Viewer", email: viewerEmail, role: "Viewer" });

  const context = await browser.newContext();
  const viewerPage = await context.newPage();
  await viewerPage.goto("/login");
  await new AuthPages(viewerPage).signIn(viewerEmail, PASSWORD);
  await expect(viewerPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const response = await viewerPage.goto("/settings/members");
  expect(response?.status()).toBe(403);
  await expect(viewerPage.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(viewerPage.getByText(viewerEmail)).toBeVisible(); // the header still says who they are
  await expect(viewerPage.getByRole("region", { name: "Add a member" })).toHaveCount(0);
  await context.close();
});

test("a member of another organization sees none of this organization's data", async ({ page, auth, browser }) => {
  const ours = await auth.signUp();
  await page.goto("/settings/members");
  const colleague = uniqueEmail("colleague");
  await addMember(page, { name: "Col League", email: colleague, role: "Member" });

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
