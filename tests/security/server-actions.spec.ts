import type { APIRequestContext } from "@playwright/test";
import { AuthPages, expect, test } from "../e2e/support/fixtures";

/**
 * Server actions are endpoints anyone can POST to. These cases post each form as a browser without
 * script does (the form's own hidden action fields, then the fields), with values the form's inputs would
 * never send. The answer must be the page with the field marked invalid, never a server error, and
 * nothing may change.
 */
const NUL = "bad\u0000value";
const LONG = "x".repeat(20_000);

function unescapeHtml(text: string): string {
  return text.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

/** The hidden fields of the form on `path` that holds an input named `field`. */
async function actionFields(request: APIRequestContext, path: string, field: string, cookie: string): Promise<Record<string, string>> {
  const html = await (await request.get(path, { headers: { cookie } })).text();
  const form = [...html.matchAll(/<form[^>]*>([\s\S]*?)<\/form>/g)].map((m) => m[1]!).find((body) => body.includes(`name="${field}"`));
  if (!form) throw new Error(`no form with ${field} on ${path}`);
  const hidden: Record<string, string> = {};
  for (const input of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) hidden[unescapeHtml(input[1]!)] = unescapeHtml(input[2] ?? "");
  return hidden;
}

interface FormCase {
  page: string;
  fields: Record<string, string>;
  /** The input that must come back marked invalid. */
  invalid?: string;
}

async function submit(request: APIRequestContext, c: FormCase, cookie: string) {
  const hidden = await actionFields(request, c.page, Object.keys(c.fields)[0]!, cookie);
  const response = await request.post(c.page, { headers: { cookie }, multipart: { ...hidden, ...c.fields }, maxRedirects: 0, failOnStatusCode: false });
  return { status: response.status(), html: await response.text() };
}

function casesFor(page: string, valid: Record<string, string>, bad: Record<string, string[]>): FormCase[] {
  return Object.entries(bad).flatMap(([field, values]) => values.map((value) => ({ page, fields: { ...valid, [field]: value }, invalid: field })));
}

test("server actions: bad form posts get the form back with the field marked, never a 500, never a change", async ({ page, request }) => {
  test.setTimeout(300_000);
  await new AuthPages(page).signUp();
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const strings = [NUL, LONG, ""];
  const cases: FormCase[] = [
    ...casesFor("/signup", { name: "Mallory", email: "mallory@example.com", password: "a long password", organization: "Mallory Org" }, {
      name: strings,
      email: [...strings, "not-an-email"],
      password: [NUL + "xxxxxxxxxx", "x".repeat(500), "short"],
      organization: [...strings, "!!"],
    }),
    ...casesFor("/endpoints/new", { name: "formed", model: "acme/formed", provider: "local", runtime: "builtin", instanceType: "cpu-small", autoscaling: "on", minReplicas: "0", maxReplicas: "1", scaleToZeroMinutes: "15" }, {
      name: [...strings, "UPPER"],
      model: [...strings, "no-slash"],
      instanceType: [NUL, LONG, "gpu-huge"],
      runtime: [NUL, LONG, "bash", "__proto__"],
      minReplicas: [NUL, "1.5", "-1", "1e99"],
      maxReplicas: [NUL, "0", "99999"],
      scaleToZeroMinutes: [NUL, "0"],
    }),
    ...casesFor("/settings/members", { email: "someone@example.com", role: "member" }, { email: [...strings, "nope"], role: [NUL, "superuser", "__proto__"] }),
    ...casesFor("/settings/providers", { server: "https://k8s.example.com:6443", namespace: "inference", token: "a-service-account-token" }, {
      server: [...strings, "ftp://k8s.example.com"],
      namespace: [...strings, "Not_A_Namespace"],
    }),
    ...casesFor("/settings/providers", { source: "kubeconfig", kubeconfig: "", namespace: "inference" }, {
      kubeconfig: [...strings, "x".repeat(200_000), "users: [{name: u, user: {token-file: /etc/passwd}}]"],
    }),
    ...casesFor("/settings/account", { currentPassword: "wrong password", newPassword: "a new password" }, { newPassword: [NUL + "xxxxxxxxxxx", "short", "x".repeat(500)] }),
  ];
  const snapshot = async () => JSON.stringify(await (await page.request.get("/api/console/endpoints")).json()) + (await (await page.request.get("/settings/members")).text()).match(/data-testid="(member|invitation)-[^"]+"/g)?.join();
  const before = await snapshot();
  const problems: string[] = [];
  for (const c of cases) {
    const label = `${c.page} ${c.invalid}=${JSON.stringify(c.fields[c.invalid!]).slice(0, 30)}`;
    const { status, html } = await submit(request, c, c.page === "/signup" ? "" : cookie);
    if (status >= 500 || status < 200 || status >= 300) problems.push(`${label}: answered ${status}`);
    // Other forms on the page may have a field of the same name (each member's role): one must be marked.
    const inputs = [...html.matchAll(new RegExp(`<(input|select|textarea)[^>]*name="${c.invalid}"[^>]*>`, "g"))].map((m) => m[0]);
    if (!inputs.some((input) => input.includes('aria-invalid="true"'))) problems.push(`${label}: the field is not marked invalid`);
  }
  // A made-up invitation link, a password change with the wrong current password: refused, nothing made.
  const invite = await submit(request, { page: `/invite/${"x".repeat(43)}`, fields: {} }, "").catch(() => null);
  expect(invite).toBeNull(); // no form on a link that does not work
  const wrong = await submit(request, { page: "/settings/account", fields: { currentPassword: "wrong password", newPassword: "a new password!" } }, cookie);
  expect(wrong.html).toContain("This is not your current password.");

  // An endpoint page whose name is not valid percent-encoding is a 404, not a server error.
  expect((await request.get("/endpoints/%25E0%25A4%25A", { headers: { cookie } })).status()).toBe(404);

  expect(await snapshot()).toBe(before);
  console.log(`server actions: ${cases.length} bad form posts`);
  expect(problems).toEqual([]);
});
