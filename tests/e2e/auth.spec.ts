import { AuthPages, expect, PASSWORD, test, uniqueEmail } from "./support/fixtures";

test("sign up, sign out and sign in again", async ({ page, auth }) => {
  const account = await auth.signUp();
  await expect(page.getByText(account.email)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Dashboard", "Endpoints", "Costs", "Settings"]);

  await auth.signOut();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);

  await auth.signIn(account.email, account.password);
  await auth.expectDashboard(account.organization);
});

test("a wrong password and an unknown email get the same message", async ({ page, auth }) => {
  const account = await auth.signUp();
  await auth.signOut();

  await auth.signIn(account.email, "not the password");
  await expect(auth.formAlert()).toHaveText("Incorrect email or password.");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel("Email")).toHaveValue(account.email);

  await auth.signIn(uniqueEmail("nobody"), PASSWORD);
  await expect(auth.formAlert()).toHaveText("Incorrect email or password.");
});

test("an anonymous visitor is sent to sign-in and then to the page asked for", async ({ page, auth }) => {
  const account = await auth.signUp();
  await auth.signOut();

  await page.goto("/settings/members");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsettings%2Fmembers$/);
  await auth.signIn(account.email, account.password);
  await expect(page).toHaveURL(/\/settings\/members$/);
  await expect(page.getByRole("heading", { name: `Members of ${account.organization}` })).toBeVisible();
});

test("a redirect to another site after sign-in is refused", async ({ page, auth }) => {
  const account = await auth.signUp();
  await auth.signOut();

  await page.goto("/login?redirectTo=//evil.example/phish");
  await auth.signIn(account.email, account.password);
  await auth.expectDashboard(account.organization);
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
});

test("repeated failures lock the account with a message saying when to try again", async ({ page, auth }) => {
  const account = await auth.signUp();
  await auth.signOut();

  for (let attempt = 0; attempt < 5; attempt++) {
    await auth.signIn(account.email, `wrong ${attempt}`);
    await expect(auth.formAlert()).toHaveText("Incorrect email or password.");
    // The form resets once the attempt is answered: each loop is one counted failure.
    await expect(page.getByLabel("Password")).toHaveValue("");
  }
  // Even the right password is refused while locked.
  await auth.signIn(account.email, account.password);
  await expect(auth.formAlert()).toHaveText(/Too many failed sign-in attempts\. Try again in 15 minutes\./);
  await expect(page).toHaveURL(/\/login/);
});

test("bad sign-up input shows field errors and creates no account", async ({ page, auth }) => {
  await page.goto("/signup");
  const email = uniqueEmail("bad");
  await auth.fillSignUp({ name: "Bad Input", email: "not-an-email", password: "short", organization: "Bad Org" });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Organization")).toHaveValue("Bad Org");
  await expect(page).toHaveURL(/\/signup$/);

  // A valid email with the short password: still refused, so no account exists for it.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await page.goto("/login");
  await auth.signIn(email, "short");
  await expect(auth.formAlert()).toHaveText("Incorrect email or password.");
});

test("a duplicate email is a field error and leaves the first account as it was", async ({ page, auth, browser }) => {
  const first = await auth.signUp();

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const otherAuth = new AuthPages(otherPage);
  await otherAuth.submitSignUp({ email: first.email.toUpperCase(), password: "another password 123", organization: "Second Org" });
  await expect(otherPage.getByText("An account with this email already exists. Sign in instead.")).toBeVisible();
  await expect(otherPage).toHaveURL(/\/signup$/);

  // The second password does not open the account, the first still does, into the first organization.
  await otherPage.goto("/login");
  await otherAuth.signIn(first.email, "another password 123");
  await expect(otherAuth.formAlert()).toHaveText("Incorrect email or password.");
  await otherAuth.signIn(first.email, first.password);
  await otherAuth.expectDashboard(first.organization);
  await other.close();
  await page.close();
});
