"use client";

import { useRef, useState } from "react";
import { defaultPolicyValues, policyFormData, PolicyFields, type PolicyValues } from "@/components/forms/policy-fields";
import { useFocusFirstError } from "@/components/forms/use-focus-first-error";
import { policyFieldErrors } from "@/lib/forms/policy-form";
import { FormMessage } from "@/components/ui/form-message";
import { buttonClass } from "@/components/ui/button-class";
import { SubmitButton } from "@/components/ui/submit-button";
import type { EndpointView } from "@/lib/api/endpoint-view";
import { useEndpointAction } from "@/components/endpoints/use-endpoint-action";
import { updatePolicyAction } from "../actions";

function policyValues(e: EndpointView): PolicyValues {
  const p = e.policy;
  return {
    ...defaultPolicyValues(),
    autoscaling: p.autoscaling,
    minReplicas: String(p.minReplicas),
    maxReplicas: String(p.maxReplicas),
    replicas: String(p.maxReplicas),
    scaleToZeroMinutes: String(p.scaleToZeroMinutes),
    targetConcurrency: String(p.targetConcurrency),
    scaleToZeroAuto: p.scaleToZeroAuto,
    coldStartWorthMinutes: p.coldStartWorthMinutes === null ? "" : String(p.coldStartWorthMinutes),
  };
}

function describe(v: PolicyValues): string {
  if (!v.autoscaling) return `${v.replicas} fixed`;
  const zero = v.scaleToZeroAuto ? `Auto scale to zero (${v.scaleToZeroMinutes} min until learned${v.coldStartWorthMinutes ? `, a cold start worth ${v.coldStartWorthMinutes} min` : ""})` : `scale to zero after ${v.scaleToZeroMinutes} min`;
  return `auto-scaling ${v.minReplicas}–${v.maxReplicas}, ${zero}, target ${v.targetConcurrency}`;
}

export function PolicyCard({ endpoint: e }: { endpoint: EndpointView }) {
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState(() => policyValues(e));
  const [state, action] = useEndpointAction(updatePolicyAction, () => setEditing(false));
  const current = policyValues(e);
  const price = e.pricePerHour;
  const changed = describe(values) !== describe(current);
  const [refusedSubmits, setRefusedSubmits] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, `${refusedSubmits}/${JSON.stringify(state.fieldErrors ?? {})}`);

  return (
    <section aria-labelledby="policy-heading" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <div className="flex items-center justify-between">
        <h2 id="policy-heading" className="text-base font-semibold">
          Scaling policy
        </h2>
        {e.canEdit && !editing ? (
          <button
            type="button"
            className={buttonClass("secondary")}
            onClick={() => {
              setValues(current);
              setEditing(true);
            }}
          >
            Edit
          </button>
        ) : null}
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="policy">
        <div>
          <dt className="text-xs text-slate-500">Auto-scaling</dt>
          <dd>{e.policy.autoscaling ? "On" : "Off (fixed)"}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{e.policy.autoscaling ? "Min–Max Accels" : "Accels"}</dt>
          <dd>{e.policy.autoscaling ? `${e.policy.minReplicas}–${e.policy.maxReplicas}` : e.policy.maxReplicas}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Scale to zero after</dt>
          <dd>
            {!e.policy.autoscaling || e.policy.minReplicas > 0
              ? "Never"
              : e.policy.scaleToZeroAuto
                ? `Auto: ${e.policy.learnedScaleToZeroMinutes ?? e.policy.scaleToZeroMinutes} min${e.policy.learnedScaleToZeroMinutes === null ? " until learned" : ", learned"}`
                : `${e.policy.scaleToZeroMinutes} min`}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Instance</dt>
          <dd>
            {e.instanceType} · {e.model}
            {e.runtime ? <span className="text-slate-500"> · runtime {e.runtime.name}</span> : null}
          </dd>
        </div>
        {e.providerEndpoint ? (
          <div className="col-span-2 sm:col-span-4" data-testid="provider-endpoint">
            <dt className="text-xs text-slate-500">Hugging Face</dt>
            <dd className="break-all">
              {e.providerEndpoint.name} · {e.providerEndpoint.vendor} {e.providerEndpoint.region} · {e.providerEndpoint.instanceType} {e.providerEndpoint.instanceSize}
              {e.providerEndpoint.url ? <span className="text-slate-500"> · forwards to {e.providerEndpoint.url}</span> : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {editing ? (
        <form
          ref={formRef}
          action={action}
          onSubmit={(event) => {
            if (Object.keys(policyFieldErrors(policyFormData(values))).length === 0) return;
            event.preventDefault();
            setRefusedSubmits((n) => n + 1);
          }}
          className="mt-5 space-y-4 border-t border-slate-200 pt-5"
          noValidate
        >
          <input type="hidden" name="endpoint" value={e.name} />
          <PolicyFields
            values={values}
            onChange={setValues}
            errors={state.fieldErrors ?? {}}
            pricePerHour={price}
            storagePricePerHour={e.storagePricePerHour}
            showAllErrors={refusedSubmits > 0}
          />
          <p data-testid="policy-diff" className="text-sm text-slate-700">
            {changed ? (
              <>
                Changes: <del className="text-slate-500">{describe(current)}</del> → <strong>{describe(values)}</strong>
              </>
            ) : (
              "No changes yet."
            )}
          </p>
          <FormMessage state={state} />
          <div className="flex gap-2">
            <SubmitButton pendingLabel="Saving…">Save policy</SubmitButton>
            <button type="button" className={buttonClass("secondary")} onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : state.status === "success" ? (
        <p role="status" className="mt-3 text-sm text-emerald-700">
          {state.message}
        </p>
      ) : null}
    </section>
  );
}
