import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/lib/db/schema";
import { ForbiddenError } from "@/lib/errors";
import { signUp, signUpOpen } from "@/lib/services/accounts";
import { PASSWORD } from "../support/accounts";
import { getDb, uniqueEmail, withTestDatabase } from "../support/database";

withTestDatabase();

const visitor = (n: number) => ({ name: `Visitor ${n}`, email: uniqueEmail("visitor"), password: PASSWORD, organization: `Org ${n}` });

describe("invitation-only sign-up (the default)", () => {
  it("lets exactly one of several simultaneous first visitors create the first account, and nobody after", async () => {
    expect(await signUpOpen("invite")).toBe(true);
    const results = await Promise.allSettled([1, 2, 3].map((n) => signUp(visitor(n), { mode: "invite", ip: `10.7.0.${n}` })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ForbiddenError);

    expect(await signUpOpen("invite")).toBe(false);
    const later = await signUp(visitor(4), { mode: "invite", ip: "10.7.1.1" }).catch((e: unknown) => e);
    expect(later).toBeInstanceOf(ForbiddenError);
    expect((later as ForbiddenError).message).toMatch(/by invitation/);
    const db = await getDb();
    const [row] = await db.select({ n: count() }).from(users);
    expect(row!.n).toBe(1);
    // With open sign-up the operator lets anyone in.
    expect(await signUpOpen("open")).toBe(true);
  });
});
