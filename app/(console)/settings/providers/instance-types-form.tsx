"use client";

import { useState } from "react";
import { inputClass } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button-class";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionWithToast } from "@/components/ui/toaster";
import { cn } from "@/lib/cn";
import { instanceTypeRows, type ClusterInstanceType } from "@/lib/domain/instance-types";
import { initialActionState } from "@/lib/forms/action-state";
import { saveKubernetesInstanceTypesAction } from "./actions";

const COLUMNS = [
  { field: "id", label: "Name", placeholder: "gpu-a100", className: "w-40" },
  { field: "vcpus", label: "vCPUs", placeholder: "8", className: "w-20" },
  { field: "memoryGb", label: "Memory (GB)", placeholder: "64", className: "w-24" },
  { field: "gpus", label: "GPUs", placeholder: "0", className: "w-16" },
  { field: "pricePerHour", label: "$ / hour", placeholder: "1.20", className: "w-24" },
] as const;

type Row = { key: number; values: Record<string, string> };

const rowOf = (type: ClusterInstanceType, key: number): Row => ({
  key,
  values: { id: type.id, vcpus: String(type.vcpus), memoryGb: String(type.memoryGb), gpus: String(type.gpus), pricePerHour: String(type.pricePerHour) },
});

/** The rows of a submitted form, in order, with keys from `firstKey` on. */
function rowsSent(values: Record<string, string>, firstKey: number): Row[] {
  return instanceTypeRows(Object.entries(values)).map((rowValues, i) => ({ key: firstKey + i, values: rowValues }));
}

/**
 * The organization's instance types on its cluster: what each replica's container gets, and what a
 * replica-hour costs, as the cost ledger and the projections count it.
 */
export function InstanceTypesForm({ types }: { types: ClusterInstanceType[] }) {
  // A saved list remounts the form (its key), so success is said by a toast that outlives it.
  const [state, action] = useActionWithToast(saveKubernetesInstanceTypesAction, initialActionState, "Instance types saved: new prices count from now on.");
  const [rows, setRows] = useState<Row[]>(() => types.map(rowOf));
  const [nextKey, setNextKey] = useState(types.length);
  const [shown, setShown] = useState(state);
  if (state !== shown) {
    // A refused save: the rows become what was sent, fresh (a form action resets inputs to their defaults).
    setShown(state);
    if (state.status === "error" && state.values) {
      const sent = rowsSent(state.values, nextKey);
      setRows(sent);
      setNextKey(nextKey + sent.length);
    }
  }
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-3" noValidate>
      <table className="text-sm">
        <caption className="mb-2 text-left text-sm font-medium text-slate-800">Instance types</caption>
        <thead>
          <tr className="text-left text-xs text-slate-500">
            {COLUMNS.map((c) => (
              <th key={c.field} scope="col" className="pr-2 pb-1 font-medium">
                {c.label}
              </th>
            ))}
            <th scope="col" className="sr-only">
              Remove
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const rowErrors = COLUMNS.flatMap((c) => errors[`types.${index}.${c.field}`] ?? []);
            return (
              <tr key={row.key} className="align-top" data-testid="instance-type-row">
                {COLUMNS.map((c) => {
                  const name = `types.${index}.${c.field}`;
                  return (
                    <td key={c.field} className="pr-2 pb-2">
                      <input
                        name={name}
                        aria-label={`${c.label} of instance type ${index + 1}`}
                        defaultValue={row.values[c.field] ?? ""}
                        placeholder={c.placeholder}
                        inputMode={c.field === "id" ? undefined : "decimal"}
                        aria-invalid={errors[name]?.length ? true : undefined}
                        className={cn(inputClass, c.className)}
                      />
                    </td>
                  );
                })}
                <td className="pt-2 pb-2">
                  <button type="button" className="text-xs text-slate-500 hover:text-red-600" aria-label={`Remove instance type ${index + 1}`} onClick={() => setRows(rows.filter((r) => r.key !== row.key))}>
                    Remove
                  </button>
                  {rowErrors.map((error) => (
                    <p key={error} className="text-sm text-red-600">
                      {error}
                    </p>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {errors.types?.map((error) => (
        <p key={error} role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ))}
      <p className="text-xs text-slate-500">
        Each replica&apos;s container asks for (and is limited to) its vCPUs, memory and GPUs (nvidia.com/gpu). A new price counts from now on; the cost already accrued keeps its price. Paused and scaled-to-zero endpoints cost nothing here.
      </p>
      <div className="flex items-center gap-3">
        <button
          type="button"
          className={buttonClass("secondary")}
          onClick={() => {
            setRows([...rows, { key: nextKey, values: {} }]);
            setNextKey(nextKey + 1);
          }}
        >
          Add instance type
        </button>
        <SubmitButton pendingLabel="Saving…">Save instance types</SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
