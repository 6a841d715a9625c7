"use server";

import { currentSessionId, requireCaller } from "@/lib/auth";
import { errorState, type ActionState } from "@/lib/forms/action-state";
import { changePassword } from "@/lib/services/accounts";

export async function changePasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  try {
    await changePassword({
      caller,
      input: { currentPassword: formData.get("currentPassword"), newPassword: formData.get("newPassword") },
      keepSession: await currentSessionId(),
    });
    return { status: "success", message: "Password changed. Your other sessions were signed out." };
  } catch (error) {
    return errorState(error);
  }
}
