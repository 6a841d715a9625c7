import crypto from "node:crypto";
import { test as base, expect, type Browser, type Page } from "@playwright/test";

export const PASSWORD = "correct horse battery";

export function uniqueEmail(label = "user"): string {
  return `${label}-${crypto.randomBytes(5).toString("hex")}@example.com`;
}

export interface Account {
  name: string;
  email: string;
  password: string;
  organization: string;
}

/** The sign-up, sign-in and sign-out pages, driven the way a person does. */
export class AuthPages {
  constructor(readonly page: Page) {}

  /** Signs up and waits for the dashboard of the new organization. */
  async signUp(overrides: Partial<Account> = {}): Promise<Account> {
    const account = await this.submitSignUp(overrides);
    await this.expectDashboard(account.organization);
    return account;
  }

  /** Fills and submits the sign-up form without waiting for the outcome. */
  async submitSignUp(overrides: Partial<Account> = {}): Promise<Account> {
    const account: Account = {
      name: "Ada Lovelace",
      email: uniqueEmail(),
      password: PASSWORD,
      organization: `Org ${crypto.randomBytes(3).toString("hex")}`,
      ...overrides,
    };
    await this.page.goto("/signup");
    await this.fillSignUp(account);
    await this.page.getByRole("button", { name: "Create account" }).click();
    return account;
  }

  async fillSignUp(account: Account): Promise<void> {
    await this.page.getByLabel("Your name").fill(account.name);
    await this.page.getByLabel("Email").fill(account.email);
    await this.page.getByLabel("Password").fill(account.password);
    await this.page.getByLabel("Organization").fill(account.organization);
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  /** The form's own message (Next.js has a route announcer with the alert role too). */
  formAlert() {
    return this.page.locator("form").getByRole("alert");
  }

  async signOut(): Promise<void> {
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await expect(this.page).toHaveURL(/\/login/);
  }

  async expectDashboard(organization: string): Promise<void> {
    await expect(this.page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect(this.page.getByTestId("organization-name")).toHaveText(organization);
  }
}

/** Invites a person from Settings → Members and returns the one-time link shown to whoever invites. */
export async function invite(page: Page, email: string, role: string): Promise<string> {
  await page.goto("/settings/members");
  const form = page.getByRole("region", { name: "Invite a member" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption({ label: role });
  await form.getByRole("button", { name: "Create invitation" }).click();
  const link = await form.getByTestId("invitation-link").textContent();
  if (!link?.includes("/invite/")) throw new Error("no invitation link shown");
  return link;
}

/** Opens an invitation link in a fresh browser, sets a name and password, and lands on the dashboard. */
export async function acceptInvitation(browser: Browser, link: string, name: string, password = PASSWORD): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  return { page, close: () => context.close() };
}

/** Creates an API token on Settings → API tokens and returns the secret shown once. */
export async function createApiToken(page: Page, name = "e2e"): Promise<string> {
  await page.goto("/settings/api-tokens");
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("new-token").textContent();
  if (!token?.startsWith("ebb_")) throw new Error("no token shown");
  return token;
}

export const test = base.extend<{ auth: AuthPages }>({
  auth: async ({ page }, use) => {
    await use(new AuthPages(page));
  },
});

export { expect };
