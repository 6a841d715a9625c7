"use server";

import { currentSessionId } from "@/lib/auth";
import { formAction } from "@/lib/forms/action";
import { changePassword } from "@/lib/services/accounts";

export const changePasswordAction = formAction(
  async (caller, formData) => {
    await changePassword({
      caller,
      input: { currentPassword: formData.get("currentPassword"), newPassword: formData.get("newPassword") },
      keepSession: await currentSessionId(),
    });
    return { message: "Password changed. Your other sessions were signed out." };
  },
  { omit: ["currentPassword", "newPassword"] },
);
