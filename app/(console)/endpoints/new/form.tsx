"use client";

import { useActionState, useState } from "react";
import { defaultPolicyValues, PolicyFields, type PolicyValues } from "@/components/forms/policy-fields";
import { Field, inputClass, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { InstanceType } from "@/lib/domain/instance-types";
import { formatUsd } from "@/lib/domain/presets";
import { initialActionState } from "@/lib/forms/action-state";
import { createEndpointAction } from "../actions";

export function NewInferenceForm({ instanceTypes, quota, namespace }: { instanceTypes: InstanceType[]; quota: number; namespace: string }) {
  const [state, action] = useActionState(createEndpointAction, initialActionState);
  const [policy, setPolicy] = useState<PolicyValues>(defaultPolicyValues);
  const [instanceType, setInstanceType] = useState(instanceTypes[0]?.id ?? "");
  const [name, setName] = useState("");
  const errors = state.fieldErrors ?? {};
  const price = instanceTypes.find((t) => t.id === instanceType)?.pricePerHour ?? null;

  return (
    <form action={action} className="grid gap-8 lg:grid-cols-[1fr_1fr]" noValidate>
      <section aria-labelledby="endpoint-heading" className="space-y-5 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="endpoint-heading" className="text-base font-semibold">
          Endpoint
        </h2>
        <TextField
          name="name"
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="off"
          placeholder="my-endpoint"
          hint={`URL: /e/${namespace}/${name || "my-endpoint"}`}
          errors={errors.name}
        />
        <TextField name="model" label="Model" placeholder="org/model" defaultValue={state.values?.model} autoComplete="off" errors={errors.model} />
        <Field name="provider" label="Provider" errors={errors.provider}>
          {(aria) => (
            <select name="provider" {...aria} defaultValue="local" className={inputClass}>
              <option value="local">Local (replicas on this machine)</option>
            </select>
          )}
        </Field>
        <Field name="instanceType" label="Instance type" errors={errors.instanceType}>
          {(aria) => (
            <select name="instanceType" {...aria} value={instanceType} onChange={(e) => setInstanceType(e.target.value)} className={inputClass}>
              {instanceTypes.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label} · {formatUsd(t.pricePerHour)}/h
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          name="tags"
          label="Tags"
          placeholder="nightly, team-a"
          defaultValue={state.values?.tags}
          hint="Optional, comma-separated: `ebb inference pause --tag T` acts on every endpoint with a tag."
          errors={errors.tags ?? Object.entries(errors).find(([k]) => k.startsWith("tags."))?.[1]}
        />
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="protected" className="h-4 w-4 rounded border-slate-300" />
          Protected: requests need an API token
        </label>
      </section>

      <section aria-labelledby="scaling-heading" className="space-y-5 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h2 id="scaling-heading" className="text-base font-semibold">
          Scaling
        </h2>
        <p className="text-xs text-slate-500">Up to {quota} replicas per endpoint.</p>
        <PolicyFields values={policy} onChange={setPolicy} errors={errors} pricePerHour={price} />
      </section>

      <div className="space-y-3 lg:col-span-2">
        <FormMessage state={state} />
        <SubmitButton pendingLabel="Creating…">Create endpoint</SubmitButton>
      </div>
    </form>
  );
}
