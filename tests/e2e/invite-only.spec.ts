import { acceptInvitation, AuthPages, expect, invite, test, uniqueEmail } from "./support/fixtures";

// This install runs with the default EBB_SIGNUP=invite and starts empty: the first visitor makes the
// first account; after that, only an invitation lets a person in.
test("invitation-only: the first visitor signs up, a second cannot, an invited member sets their own password, sign-out kills the cookie", async ({
  page,
  auth,
  browser,
}) => {
  const first = await auth.signUp();

  // A second visitor gets the invitation notice, and a posted form creates nothing.
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await stranger.goto("/signup");
  await expect(stranger.getByRole("heading", { name: "Sign-up is by invitation" })).toBeVisible();
  await expect(stranger.getByRole("button", { name: "Create account" })).toHaveCount(0);
  await strangerContext.close();

  // The owner invites; the invitee opens the link, chooses a password nobody else knows, and is in.
  const email = uniqueEmail("invitee");
  const link = await invite(page, email, "Member");
  const invitee = await acceptInvitation(browser, link, "Ivy Invitee", "ivy's very own password");
  await expect(invitee.page.getByTestId("organization-name")).toHaveText(first.organization);
  await invitee.close();

  // The link works once.
  const reuseContext = await browser.newContext();
  const reuse = await reuseContext.newPage();
  await reuse.goto(link);
  await expect(reuse.getByRole("heading", { name: "This link does not work" })).toBeVisible();
  await reuseContext.close();

  // The invitee signs in with their own password.
  const signInContext = await browser.newContext();
  const signInPage = await signInContext.newPage();
  await signInPage.goto("/login");
  await new AuthPages(signInPage).signIn(email, "ivy's very own password");
  await expect(signInPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  // A copy of the session cookie taken before sign-out is useless after it.
  const copied = await signInContext.cookies();
  await new AuthPages(signInPage).signOut();
  const replayContext = await browser.newContext();
  await replayContext.addCookies(copied);
  const replay = await replayContext.newPage();
  await replay.goto("/settings/members");
  await expect(replay).toHaveURL(/\/login/);
  const api = await replay.request.get("/api/console/endpoints");
  expect(api.status()).toBe(401);
  await replayContext.close();
  await signInContext.close();
});
