"use server";

import { headers } from "next/headers";
import { formAction } from "@/lib/forms/action";
import { publicOrigin } from "@/lib/http/origin";
import { INVITATION_DAYS, inviteMember, revokeInvitation } from "@/lib/services/invitations";
import { changeMemberRole, removeMember } from "@/lib/services/members";

const MEMBERS = "/settings/members";

export const inviteMemberAction = formAction(async (caller, formData) => {
  const { invitation, token } = await inviteMember({ caller, input: { email: formData.get("email"), role: formData.get("role") } });
  return {
    message: `Invitation for ${invitation.email} created. Send them this link; it works once, for ${INVITATION_DAYS} days, and is not shown again.`,
    // The whole link, from the console's public address: the page may render before any script runs.
    result: { link: `${publicOrigin(await headers())}/invite/${token}` },
    revalidate: [MEMBERS],
  };
});

export const revokeInvitationAction = formAction(async (caller, formData) => {
  await revokeInvitation({ caller, invitationId: String(formData.get("invitationId") ?? "") });
  return { message: "Invitation revoked.", revalidate: [MEMBERS] };
});

export const changeRoleAction = formAction(async (caller, formData) => {
  await changeMemberRole({ caller, input: { membershipId: formData.get("membershipId"), role: formData.get("role") } });
  return { message: "Role updated.", revalidate: [MEMBERS] };
});

export const removeMemberAction = formAction(async (caller, formData) => {
  await removeMember({ caller, membershipId: String(formData.get("membershipId") ?? "") });
  return { message: "Member removed.", revalidate: [MEMBERS] };
});
