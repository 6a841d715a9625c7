"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { defaultPolicyValues, policyFormData, PolicyFields, type PolicyValues } from "@/components/forms/policy-fields";
import { useFocusFirstError } from "@/components/forms/use-focus-first-error";
import { Field, inputClass, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatUsd } from "@/lib/domain/presets";
import { initialActionState } from "@/lib/forms/action-state";
import { policyFieldErrors } from "@/lib/forms/policy-form";
import { createEndpointAction } from "../actions";

export interface InstanceOption {
  id: string;
  label: string;
  pricePerHour: number;
  storagePricePerHour: number;
  disabled?: boolean;
}

/** What New Inference offers for one provider: its instance types (or why none), and whether a runtime applies. */
export interface ProviderOffer {
  name: string;
  label: string;
  replicasByEbb: boolean;
  runtimesNeedImage?: boolean;
  options: InstanceOption[];
  note: string | null;
}

export interface RuntimeOption {
  name: string;
  description: string;
  containerImage: boolean;
}

export function NewInferenceForm({
  providers,
  runtimes,
  quota,
  namespace,
}: {
  providers: ProviderOffer[];
  runtimes: RuntimeOption[];
  quota: number;
  namespace: string;
}) {
  const [state, action] = useActionState(createEndpointAction, initialActionState);
  const [policy, setPolicy] = useState<PolicyValues>(defaultPolicyValues);
  const [provider, setProvider] = useState(state.values?.provider ?? "local");
  const offer = providers.find((p) => p.name === provider) ?? providers[0]!;
  const { options, note } = offer;
  const [chosen, setInstanceType] = useState(state.values?.instanceType ?? "");
  const instanceType = options.some((o) => o.id === chosen) ? chosen : (options.find((o) => !o.disabled)?.id ?? "");
  const [name, setName] = useState("");
  const errors = state.fieldErrors ?? {};
  // A submit the schema would refuse is stopped here, with every error shown and the first focused.
  const [refusedSubmits, setRefusedSubmits] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, `${refusedSubmits}/${JSON.stringify(state.fieldErrors ?? {})}`);
  const instance = options.find((t) => t.id === instanceType);
  const usableRuntimes = offer.runtimesNeedImage ? runtimes.filter((r) => r.containerImage) : runtimes;
  const price = instance?.pricePerHour ?? null;
  // React resets the form after each action, which puts controlled selects back to their first option
  // without a render: put the chosen values back.
  const providerSelect = useRef<HTMLSelectElement>(null);
  const instanceSelect = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (providerSelect.current) providerSelect.current.value = provider;
    if (instanceSelect.current) instanceSelect.current.value = instanceType;
  }, [state, provider, instanceType]);

  return (
    <form
      ref={formRef}
      action={action}
      onSubmit={(event) => {
        if (Object.keys(policyFieldErrors(policyFormData(policy), quota)).length === 0) return;
        event.preventDefault();
        setRefusedSubmits((n) => n + 1);
      }}
      className="grid gap-8 lg:grid-cols-[1fr_1fr]"
      noValidate
    >
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
            <select ref={providerSelect} name="provider" {...aria} value={provider} onChange={(e) => setProvider(e.target.value)} className={inputClass}>
              {providers.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="instanceType" label="Instance type" errors={errors.instanceType} hint={note ?? undefined}>
          {(aria) => (
            <select ref={instanceSelect} name="instanceType" {...aria} value={instanceType} onChange={(e) => setInstanceType(e.target.value)} className={inputClass}>
              {options.map((t) => (
                <option key={t.id} value={t.id} disabled={t.disabled}>
                  {t.label} · {formatUsd(t.pricePerHour)}/h
                </option>
              ))}
            </select>
          )}
        </Field>
        {offer.replicasByEbb && (
          <Field name="runtime" label="Runtime" errors={errors["runtime.name"] ?? errors.runtime} hint={offer.runtimesNeedImage ? "What each replica's container runs: the runtimes of your operator's catalog that have a container image." : "What each replica runs: the server your operator installed for it."}>
            {(aria) => (
              <select key={provider} name="runtime" {...aria} defaultValue={state.values?.runtime ?? usableRuntimes[0]?.name} className={inputClass}>
                {usableRuntimes.map((r) => (
                  <option key={r.name} value={r.name}>
                    {r.name} · {r.description}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <TextField
          name="tags"
          label="Tags"
          placeholder="nightly, team-a"
          defaultValue={state.values?.tags}
          hint={
            <>
              Optional, comma-separated: <code className="rounded bg-slate-100 px-1">ebb inference pause --tag T</code> acts on every endpoint with a tag.
            </>
          }
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
        <PolicyFields
          values={policy}
          onChange={setPolicy}
          errors={errors}
          pricePerHour={price}
          storagePricePerHour={instance?.storagePricePerHour ?? 0}
          quota={quota}
          showAllErrors={refusedSubmits > 0}
        />
      </section>

      <div className="space-y-3 lg:col-span-2">
        <FormMessage state={state} />
        <SubmitButton pendingLabel="Creating…">Create endpoint</SubmitButton>
      </div>
    </form>
  );
}
