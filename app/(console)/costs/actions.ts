"use server";

import { formAction } from "@/lib/forms/action";
import { setEndpointBudget, setOrganizationBudget } from "@/lib/services/budgets";

/** "" → no budget; otherwise a number, judged by the schema. */
function amount(value: FormDataEntryValue | null): number | null | string {
  const text = String(value ?? "").trim().replace(/^\$/, "");
  if (text === "") return null;
  const n = Number(text);
  return Number.isNaN(n) ? text : n;
}

// A budget changes the banner on every page.
export const organizationBudgetAction = formAction(async (caller, formData) => {
  await setOrganizationBudget({ caller, input: { monthlyBudget: amount(formData.get("monthlyBudget")) } });
  return { message: "Budget saved.", revalidate: [["/", "layout"]] };
});

export const endpointBudgetAction = formAction(async (caller, formData) => {
  await setEndpointBudget({
    caller,
    name: String(formData.get("endpoint") ?? ""),
    input: { monthlyBudget: amount(formData.get("monthlyBudget")), pauseAtBudget: formData.get("pauseAtBudget") === "on" },
  });
  return { message: "Saved.", revalidate: [["/", "layout"]] };
});
