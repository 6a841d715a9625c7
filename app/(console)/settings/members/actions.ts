"use server";

import { revalidatePath } from "next/cache";
import { requireCaller } from "@/lib/auth";
import { errorState, formValues, type ActionState } from "@/lib/forms/action-state";
import { addMember, changeMemberRole, removeMember } from "@/lib/services/members";

// Each action authenticates itself: server actions can be POSTed to by anyone, whatever the page shows.

export async function addMemberAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  const values = formValues(formData, ["password"]);
  try {
    const member = await addMember({ caller, input: Object.fromEntries(formData.entries()) });
    revalidatePath("/settings/members");
    return { status: "success", message: `${member.email} was added. Share the initial password with them.` };
  } catch (error) {
    return errorState(error, values);
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
