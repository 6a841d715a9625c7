"use server";

import { revalidatePath } from "next/cache";
import { requireCaller } from "@/lib/auth";
import { errorState, type ActionState } from "@/lib/forms/action-state";
import { createApiToken, revokeApiToken } from "@/lib/services/api-tokens";

export type CreateTokenState = ActionState & { token?: string };

export async function createTokenAction(_prev: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const caller = await requireCaller();
  try {
    const created = await createApiToken({ caller, name: formData.get("name") });
    revalidatePath("/settings/api-tokens");
    // Shown once: only its hash is kept.
    return { status: "success", message: `Token "${created.name}" created. Copy it now: it will not be shown again.`, token: created.token };
  } catch (error) {
    return errorState(error);
  }
}

export async function revokeTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  try {
    await revokeApiToken({ caller, id: String(formData.get("id") ?? "") });
    revalidatePath("/settings/api-tokens");
    return { status: "success", message: "Token revoked." };
  } catch (error) {
    return errorState(error);
  }
}
