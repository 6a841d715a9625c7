"use server";

import { revalidatePath } from "next/cache";
import { requireCaller } from "@/lib/auth";
import { errorState, type ActionState } from "@/lib/forms/action-state";
import { setEndpointBudget, setOrganizationBudget } from "@/lib/services/budgets";

/** "" → no budget; otherwise a number, judged by the schema. */
function amount(value: FormDataEntryValue | null): number | null | string {
  const text = String(value ?? "").trim().replace(/^\$/, "");
  if (text === "") return null;
  const n = Number(text);
  return Number.isNaN(n) ? text : n;
}

export async function organizationBudgetAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  try {
    await setOrganizationBudget({ caller, input: { monthlyBudget: amount(formData.get("monthlyBudget")) } });
  } catch (error) {
    return errorState(error);
  }
  revalidatePath("/", "layout");
  return { status: "success", message: "Budget saved." };
}

export async function endpointBudgetAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const caller = await requireCaller();
  try {
    await setEndpointBudget({
      caller,
      name: String(formData.get("endpoint") ?? ""),
      input: { monthlyBudget: amount(formData.get("monthlyBudget")), pauseAtBudget: formData.get("pauseAtBudget") === "on" },
    });
  } catch (error) {
    return errorState(error);
  }
  revalidatePath("/", "layout");
  return { status: "success", message: "Saved." };
}
