import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cache } from "react";
import { redirect } from "next/navigation";
import { authenticate } from "@/lib/services/accounts";
import { getCallerByUserId, type Caller } from "@/lib/services/caller";
import { createSession, endSession, isSessionActive } from "@/lib/services/sessions";
import { authConfig } from "./config";
import { clientIpFrom } from "@/lib/http/client-ip";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
    /** The server-side session this cookie stands for (lib/services/sessions). */
    sessionId?: string;
  }
}

export class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}

/** Carries the wait in its code: "rate_limited:SECONDS". */
export class RateLimited extends CredentialsSignin {
  constructor(readonly retryAfterSeconds: number) {
    super();
    this.code = `rate_limited:${retryAfterSeconds}`;
  }
}

export const {
  handlers,
  auth,
  signIn,
  signOut,
} = NextAuth({
  ...authConfig,
  callbacks: {
    // A sign-in records a session; the cookie carries its id, checked on every request (getCaller).
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sid = await createSession({ userId: user.id });
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (typeof token.sid === "string") session.sessionId = token.sid;
      return session;
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await endSession({ sessionId: sid });
    },
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const result = await authenticate({
          email: credentials.email,
          password: credentials.password,
          ip: clientIpFrom(request.headers),
        });
        if (result.ok) return result.user;
        if (result.reason === "rate_limited") throw new RateLimited(result.retryAfterSeconds);
        throw new InvalidCredentials();
      },
    }),
  ],
  logger: {
    // A wrong password is an expected event, not a server error worth a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(error);
    },
  },
});

/** The signed-in caller, once per request: a cookie whose session was ended signs no one in. */
export const getCaller = cache(async (): Promise<Caller | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!userId || !sessionId || !(await isSessionActive({ sessionId, userId }))) return null;
  return getCallerByUserId({ userId });
});

/** The id of the signed-in browser's session (to keep it when the others end). */
export async function currentSessionId(): Promise<string | null> {
  return (await auth())?.sessionId ?? null;
}

/** The signed-in caller, or a redirect to the sign-in page. For pages and server actions. */
export async function requireCaller(): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect("/login");
  return caller;
}
