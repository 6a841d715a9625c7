import { signUp } from "@/lib/services/accounts";
import { getCallerByUserId, type Caller } from "@/lib/services/caller";
import { acceptInvitation, inviteMember } from "@/lib/services/invitations";
import type { Role } from "@/lib/domain/roles";
import { uniqueEmail } from "./database";

export const PASSWORD = "correct horse battery";

/** Signs up a new organization (open sign-up) and returns its owner as a caller. */
export async function createOrganization(name = "Test Org"): Promise<Caller> {
  const { user } = await signUp({ name: "Owner", email: uniqueEmail("owner"), password: PASSWORD, organization: name }, { mode: "open", ip: uniqueEmail("ip") });
  const caller = await getCallerByUserId({ userId: user.id });
  if (!caller) throw new Error("sign-up made no membership");
  return caller;
}

/** Invites a person with `role` to the owner's organization, accepts as they would, and returns them as a caller. */
export async function createMember(owner: Caller, role: Role): Promise<Caller> {
  const email = uniqueEmail(role);
  const { token } = await inviteMember({ caller: owner, input: { email, role } });
  const user = await acceptInvitation({ token, input: { name: `A ${role}`, password: PASSWORD }, ip: `test-${email}` });
  const caller = await getCallerByUserId({ userId: user.id });
  if (!caller) throw new Error("the invitation made no membership");
  return caller;
}
