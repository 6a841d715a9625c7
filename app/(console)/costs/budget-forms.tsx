"use client";

import { useActionState } from "react";
import { inputClass } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { cn } from "@/lib/cn";
import { initialActionState } from "@/lib/forms/action-state";
import { endpointBudgetAction, organizationBudgetAction } from "./actions";

function Outcome({ state }: { state: { status: string; message?: string; fieldErrors?: Record<string, string[]> } }) {
  const error = state.fieldErrors ? Object.values(state.fieldErrors).flat()[0] : state.message;
  return (
    <span role="status" className={cn("text-xs", state.status === "error" ? "text-red-600" : "text-emerald-700")}>
      {state.status === "error" ? error : state.status === "success" ? state.message : ""}
    </span>
  );
}

export function OrganizationBudgetForm({ budget }: { budget: number | null }) {
  const [state, action] = useActionState(organizationBudgetAction, initialActionState);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
      <label className="text-sm">
        <span className="mb-1 block font-medium text-slate-800">Organization monthly budget ($)</span>
        <input name="monthlyBudget" inputMode="decimal" defaultValue={budget ?? ""} placeholder="none" className={cn(inputClass, "w-40")} />
      </label>
      <SubmitButton variant="secondary">Save budget</SubmitButton>
      <Outcome state={state} />
    </form>
  );
}

export function EndpointBudgetForm({ name, budget, pauseAtBudget }: { name: string; budget: number | null; pauseAtBudget: boolean }) {
  const [state, action] = useActionState(endpointBudgetAction, initialActionState);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" noValidate>
      <input type="hidden" name="endpoint" value={name} />
      <input
        name="monthlyBudget"
        aria-label={`Monthly budget of ${name} ($)`}
        inputMode="decimal"
        defaultValue={budget ?? ""}
        placeholder="none"
        className={cn(inputClass, "w-28 py-1")}
      />
      <label className="flex items-center gap-1 text-xs text-slate-700">
        <input type="checkbox" name="pauseAtBudget" defaultChecked={pauseAtBudget} aria-label={`Pause ${name} when its budget is reached`} />
        pause at budget
      </label>
      <SubmitButton variant="secondary" className="px-2.5 py-1 text-xs">
        Save
      </SubmitButton>
      <Outcome state={state} />
    </form>
  );
}
