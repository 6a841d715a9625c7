import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invitations, memberships, users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from "@/lib/errors";
import { authenticate } from "@/lib/services/accounts";
import { getCallerByUserId } from "@/lib/services/caller";
import { acceptInvitation, findInvitation, inviteMember, listInvitations, revokeInvitation } from "@/lib/services/invitations";
import { changeMemberRole, listMembers, removeMember } from "@/lib/services/members";
import { createMember, createOrganization, PASSWORD } from "../support/accounts";
import { getDb, uniqueEmail, withTestDatabase } from "../support/database";

withTestDatabase();

async function roleOf(membershipId: string) {
  const db = await getDb();
  const [row] = await db.select({ role: memberships.role }).from(memberships).where(eq(memberships.id, membershipId));
  return row?.role;
}

async function membershipIdOf(userId: string) {
  const db = await getDb();
  const [row] = await db.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, userId));
  return row!.id;
}

describe("members", () => {
  it("an owner invites a person who sets their own password through the link and signs in to the organization", async () => {
    const owner = await createOrganization("Members Org");
    const email = uniqueEmail("new");
    const { invitation, token } = await inviteMember({ caller: owner, input: { email, role: "member" } });
    expect(invitation).toMatchObject({ email, role: "member" });
    expect((await listInvitations({ caller: owner })).map((i) => i.email)).toEqual([email]);
    expect(await findInvitation({ token })).toMatchObject({ email, role: "member", organization: "Members Org" });
    // Only a hash of the link's secret is stored.
    const db = await getDb();
    const stored = JSON.stringify(await db.select().from(invitations));
    expect(stored).not.toContain(token);

    const user = await acceptInvitation({ token, input: { name: "New Person", password: "their own secret" }, ip: "10.9.0.2" });
    expect((await authenticate({ email, password: "their own secret", ip: "10.9.0.1" })).ok).toBe(true);
    expect(await getCallerByUserId({ userId: user.id })).toMatchObject({ organizationId: owner.organizationId, role: "member" });
    expect((await listMembers({ caller: owner })).map((m) => m.email)).toContain(email);
    expect(await listInvitations({ caller: owner })).toEqual([]);

    // The link works once.
    const again = await acceptInvitation({ token, input: { name: "Someone Else", password: "another password" } }).catch((e: unknown) => e);
    expect((again as ValidationError).fieldErrors.token).toBeDefined();
  });

  it("refuses revoked, expired and made-up links, and bad input, creating nothing", async () => {
    const owner = await createOrganization();
    const db = await getDb();
    const [before] = await db.select({ n: count() }).from(users);
    const error = await inviteMember({ caller: owner, input: { email: "bad", role: "superuser" } }).catch((e: unknown) => e);
    expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(["email", "role"]);

    const revoked = await inviteMember({ caller: owner, input: { email: uniqueEmail(), role: "viewer" } });
    await revokeInvitation({ caller: owner, invitationId: revoked.invitation.id });
    const expired = await inviteMember({ caller: owner, input: { email: uniqueEmail(), role: "viewer" }, now: new Date(Date.now() - 8 * 24 * 3_600_000) });
    for (const token of [revoked.token, expired.token, "x".repeat(43), "not-a-token"]) {
      const refused = await acceptInvitation({ token, input: { name: "Mallory", password: PASSWORD } }).catch((e: unknown) => e);
      expect((refused as ValidationError).fieldErrors.token, token).toBeDefined();
    }
    const weak = await inviteMember({ caller: owner, input: { email: uniqueEmail(), role: "viewer" } });
    const short = await acceptInvitation({ token: weak.token, input: { name: "", password: "123" } }).catch((e: unknown) => e);
    expect(Object.keys((short as ValidationError).fieldErrors).sort()).toEqual(["name", "password"]);
    const [after] = await db.select({ n: count() }).from(users);
    expect(after!.n).toBe(before!.n);

    // Another organization cannot revoke this one's invitation.
    const theirs = await createOrganization();
    await expect(revokeInvitation({ caller: theirs, invitationId: weak.invitation.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("limits invitation acceptances per address, so a link cannot be guessed at quickly", async () => {
    const ip = "10.9.9.9";
    for (let i = 0; i < env().EBB_SIGNUP_LIMIT; i++) {
      const guess = await acceptInvitation({ token: `${"g".repeat(42)}${i % 10}`, input: { name: "Guesser", password: PASSWORD }, ip }).catch((e: unknown) => e);
      expect((guess as ValidationError).fieldErrors.token).toBeDefined();
    }
    const limited = await acceptInvitation({ token: "g".repeat(43), input: { name: "Guesser", password: PASSWORD }, ip }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
  });

  it("lets a member read the list but not change it, and gives a viewer nothing", async () => {
    const owner = await createOrganization();
    const member = await createMember(owner, "member");
    const viewer = await createMember(owner, "viewer");
    expect((await listMembers({ caller: member })).length).toBe(3);
    await expect(listMembers({ caller: viewer })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(inviteMember({ caller: member, input: { email: uniqueEmail(), role: "viewer" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      changeMemberRole({ caller: viewer, input: { membershipId: await membershipIdOf(member.userId), role: "viewer" } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await roleOf(await membershipIdOf(member.userId))).toBe("member");
  });

  it("lets an admin manage members but not owners", async () => {
    const owner = await createOrganization();
    const admin = await createMember(owner, "admin");
    const member = await createMember(owner, "member");
    await changeMemberRole({ caller: admin, input: { membershipId: await membershipIdOf(member.userId), role: "viewer" } });
    expect(await roleOf(await membershipIdOf(member.userId))).toBe("viewer");
    const makeOwner = await inviteMember({ caller: admin, input: { email: uniqueEmail(), role: "owner" } }).catch((e: unknown) => e);
    expect((makeOwner as ValidationError).fieldErrors.role).toBeDefined();
    await expect(
      changeMemberRole({ caller: admin, input: { membershipId: await membershipIdOf(owner.userId), role: "member" } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeMember({ caller: admin, membershipId: await membershipIdOf(owner.userId) })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await roleOf(await membershipIdOf(owner.userId))).toBe("owner");
  });

  it("never removes or demotes the last owner", async () => {
    const owner = await createOrganization();
    const ownerMembership = await membershipIdOf(owner.userId);
    const demote = await changeMemberRole({ caller: owner, input: { membershipId: ownerMembership, role: "admin" } }).catch((e: unknown) => e);
    expect(demote).toBeInstanceOf(ValidationError);
    expect((demote as ValidationError).message).toMatch(/at least one owner/);
    await expect(removeMember({ caller: owner, membershipId: ownerMembership })).rejects.toBeInstanceOf(ValidationError);
    expect(await roleOf(ownerMembership)).toBe("owner");

    // With a second owner, the first may step down.
    const second = await createMember(owner, "owner");
    await changeMemberRole({ caller: owner, input: { membershipId: ownerMembership, role: "admin" } });
    expect(await roleOf(ownerMembership)).toBe("admin");
    await expect(removeMember({ caller: second, membershipId: await membershipIdOf(second.userId) })).rejects.toBeInstanceOf(ValidationError);
  });

  it("removes a member and their account, so they can no longer sign in", async () => {
    const owner = await createOrganization();
    const member = await createMember(owner, "member");
    await removeMember({ caller: owner, membershipId: await membershipIdOf(member.userId) });
    expect(await getCallerByUserId({ userId: member.userId })).toBeNull();
    expect((await authenticate({ email: member.email, password: PASSWORD, ip: "10.9.0.2" })).ok).toBe(false);
    expect((await listMembers({ caller: owner })).map((m) => m.email)).not.toContain(member.email);
  });

  it("treats another organization's members as not found and leaves them unchanged", async () => {
    const ours = await createOrganization("Ours");
    const theirs = await createOrganization("Theirs");
    const theirMember = await createMember(theirs, "member");
    const foreignId = await membershipIdOf(theirMember.userId);

    expect((await listMembers({ caller: ours })).map((m) => m.email)).not.toContain(theirMember.email);
    await expect(changeMemberRole({ caller: ours, input: { membershipId: foreignId, role: "viewer" } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(removeMember({ caller: ours, membershipId: foreignId })).rejects.toBeInstanceOf(NotFoundError);
    expect(await roleOf(foreignId)).toBe("member");
    expect(await getCallerByUserId({ userId: theirMember.userId })).not.toBeNull();
  });
});
