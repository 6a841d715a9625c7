import type { NextAuthConfig } from "next-auth";

/**
 * The part of the Auth.js configuration that needs no database, shared by the proxy and lib/auth.
 * Sessions are signed JWT cookies; who the user is in which organization is read from the database on
 * every request (lib/services/caller), so removing a member takes effect at once.
 */
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  // The console is reached on whatever host it is served; the host header is not used for redirects
  // that leave the site (see safeRedirectPath).
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
} satisfies NextAuthConfig;
