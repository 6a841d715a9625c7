/**
 * A path on this site to go to after sign-in, or "/" for anything else. Refuses absolute URLs,
 * protocol-relative ("//evil.example") and backslash tricks ("/\\evil.example"), so a crafted link
 * cannot send a freshly signed-in user to another site.
 */
export function safeRedirectPath(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  try {
    const url = new URL(value, "http://ebb.invalid");
    if (url.origin !== "http://ebb.invalid") return "/";
    if (url.pathname === "/login" || url.pathname === "/signup") return "/";
    return url.pathname + url.search + url.hash;
  } catch {
    return "/";
  }
}
