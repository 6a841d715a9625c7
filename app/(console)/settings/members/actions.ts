"use server";

import { revalidatePath } from "next/cache";
import { requireCaller } from "@/lib/auth";
import { errorState, formValues, type ActionState } from "@/lib/forms/action-state";
import { INVITATION_DAYS, inviteMember, revokeInvitation } from "@/lib/services/invitations";
import { changeMemberRole, removeMember } from "@/lib/services/members";

// Each action authenticates itself: server actions can be POSTed to by anyone, whatever the page shows.

export async function inviteMemberAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const values = formValues(formData);
  try {
    const { invitation, token } = await inviteMember({ caller, input: { email: formData.get("email"), role: formData.get("role") } });
    revalidatePath("/settings/members");
    return {
      status: "success",
      message: `Invitation for ${invitation.email} created. Send them this link; it works once, for ${INVITATION_DAYS} days, and is not shown again.`,
      result: { path: `/invite/${token}` },
    };
  } catch (error) {
    return errorState(error, values);
  }
}

export async function revokeInvitationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  try {
    await revokeInvitation({ caller, invitationId: String(formData.get("invitationId") ?? "") });
    revalidatePath("/settings/members");
    return { status: "success", message: "Invitation revoked." };
  } catch (error) {
    return errorState(error);
  }
}

export async function changeRoleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  try {
    await changeMemberRole({ caller, input: { membershipId: formData.get("membershipId"), role: formData.get("role") } });
    revalidatePath("/settings/members");
    return { status: "success", message: "Role updated." };
  } catch (error) {
    return errorState(error);
  }
}

export async function removeMemberAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  try {
    await removeMember({ caller, membershipId: String(formData.get("membershipId") ?? "") });
    revalidatePath("/settings/members");
    return { status: "success", message: "Member removed." };
  } catch (error) {
    return errorState(error);
  }
}
