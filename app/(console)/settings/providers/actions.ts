"use server";

import { revalidatePath } from "next/cache";
import { requireCaller } from "@/lib/auth";
import { ValidationError } from "@/lib/errors";
import { errorState, formValues, type ActionState } from "@/lib/forms/action-state";
import { adoptHuggingFaceEndpoints } from "@/lib/services/huggingface";
import { deleteHuggingFaceConnection, saveHuggingFaceConnection, testHuggingFaceConnection } from "@/lib/services/provider-connections";

export async function saveConnectionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  try {
    await saveHuggingFaceConnection({ caller, input: { token: formData.get("token"), namespace: formData.get("namespace") } });
  } catch (error) {
    // The token is never sent back, not even to refill the form.
    return errorState(error, formValues(formData, ["token"]));
  }
  revalidatePath("/settings/providers");
  return { status: "success", message: "Connection saved." };
}

export async function testConnectionAction(): Promise<ActionState> {
  const caller = await requireCaller();
  try {
    const result = await testHuggingFaceConnection({ caller });
    return result.ok
      ? { status: "success", message: `Connected as ${result.name}; endpoints go to the ${result.namespace} namespace.` }
      : { status: "error", message: `Hugging Face said: ${result.message}` };
  } catch (error) {
    return errorState(error);
  }
}

export async function deleteConnectionAction(): Promise<ActionState> {
  const caller = await requireCaller();
  try {
    await deleteHuggingFaceConnection({ caller });
  } catch (error) {
    return errorState(error);
  }
  revalidatePath("/settings/providers");
  return { status: "success", message: "Connection removed." };
}

export async function importEndpointsAction(): Promise<ActionState> {
  const caller = await requireCaller();
  try {
    const { adopted, skipped } = await adoptHuggingFaceEndpoints({ caller });
    revalidatePath("/endpoints");
    const parts = [adopted.length ? `Imported ${adopted.join(", ")}.` : "No new endpoints to import."];
    for (const s of skipped) parts.push(`Skipped ${s.name}: ${s.reason}`);
    return { status: "success", message: parts.join(" ") };
  } catch (error) {
    // No connection, or the provider's own refusal: one line under the button.
    if (error instanceof ValidationError) return { status: "error", message: error.message };
    return errorState(error);
  }
}
