import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cache } from "react";
import { redirect } from "next/navigation";
import { authenticate } from "@/lib/services/accounts";
import { getCallerByUserId, type Caller } from "@/lib/services/caller";
import { authConfig } from "./config";
import { clientIpFrom } from "./client-ip";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
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

/** The signed-in caller, once per request. */
export const getCaller = cache(async (): Promise<Caller | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  return userId ? getCallerByUserId({ userId }) : null;
});

/** The signed-in caller, or a redirect to the sign-in page. For pages and server actions. */
export async function requireCaller(): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect("/login");
  return caller;
}
