import { NextResponse, type NextRequest } from "next/server";

// Pages an anonymous visitor may open (and /invite/{token}). Everything else is redirected to sign-in.
const PUBLIC_PAGES = new Set(["/login", "/signup"]);

// Auth.js's session cookie, plain over http and with the __Secure- prefix over https.
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * A coarse gate only: it sends visitors without a session cookie to sign-in and back afterwards.
 * It does not verify the cookie; every page, action and route handler does (lib/auth, lib/services).
 * Not decoding the session here also means no response of the proxy ever re-issues the cookie, which
 * would race with sign-out and could sign a person back in.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession || PUBLIC_PAGES.has(pathname) || pathname.startsWith("/invite/")) return NextResponse.next();
  const login = new URL("/login", request.nextUrl.origin);
  if (pathname !== "/") login.searchParams.set("redirectTo", pathname + search);
  return NextResponse.redirect(login);
}

export const config = {
  // The APIs (/api, and /hf for huggingface_hub) answer 401 themselves; static files and the health
  // check need no session.
  matcher: ["/((?!api/|hf/|_next/|ping|favicon.ico|.*\\.(?:svg|png|ico|css|js|txt)$).*)"],
};
