import { signUp } from "@/lib/services/accounts";
import { getCallerByUserId, type Caller } from "@/lib/services/caller";
import { addMember } from "@/lib/services/members";
import type { Role } from "@/lib/domain/roles";
import { uniqueEmail } from "./database";

export const PASSWORD = "correct horse battery";

/** Signs up a new organization and returns its owner as a caller. */
export async function createOrganization(name = "Test Org"): Promise<Caller> {
  const { user } = await signUp({ name: "Owner", email: uniqueEmail("owner"), password: PASSWORD, organization: name });
  const caller = await getCallerByUserId({ userId: user.id });
  if (!caller) throw new Error("sign-up made no membership");
  return caller;
}

/** Adds a member with `role` to the owner's organization and returns them as a caller. */
export async function createMember(owner: Caller, role: Role): Promise<Caller> {
  const member = await addMember({
    caller: owner,
    input: { name: `A ${role}`, email: uniqueEmail(role), password: PASSWORD, role },
  });
  const caller = await getCallerByUserId({ userId: member.userId });
  if (!caller) throw new Error("addMember made no membership");
  return caller;
}
