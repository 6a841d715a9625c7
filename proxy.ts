import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/lib/auth/config";

const { auth } = NextAuth(authConfig);

// Pages an anonymous visitor may open. Everything else is redirected to sign-in.
const PUBLIC_PAGES = new Set(["/login", "/signup"]);

/**
 * A coarse gate only: it sends anonymous visitors to sign-in and back afterwards. Authorization is
 * checked again by every page, action and route handler (lib/services), never trusted from here.
 */
export default auth((request) => {
  const { pathname, search } = request.nextUrl;
  if (request.auth || PUBLIC_PAGES.has(pathname)) return NextResponse.next();
  const login = new URL("/login", request.nextUrl.origin);
  if (pathname !== "/") login.searchParams.set("redirectTo", pathname + search);
  return NextResponse.redirect(login);
});

export const config = {
  // API routes answer 401 themselves; static files and the health check need no session.
  matcher: ["/((?!api/|_next/|ping|favicon.ico|.*\\.(?:svg|png|ico|css|js|txt)$).*)"],
};
