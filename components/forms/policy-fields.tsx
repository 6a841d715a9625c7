"use client";

import { useMemo, useState } from "react";
import { Field, inputClass } from "@/components/ui/field";
import { estimateCost, formatUsd, PRESETS, type Preset } from "@/lib/domain/presets";
import { cn } from "@/lib/cn";
import { policyFieldErrors } from "@/lib/forms/policy-form";

export interface PolicyValues {
  autoscaling: boolean;
  minReplicas: string;
  maxReplicas: string;
  replicas: string;
  scaleToZeroMinutes: string;
  targetConcurrency: string;
  scaleToZeroAuto: boolean;
  coldStartWorthMinutes: string;
}

/** Whether the fields hold a preset's counts (its chip shows as chosen). */
function isPreset(v: PolicyValues, preset: Preset): boolean {
  if (v.autoscaling !== preset.autoscaling) return false;
  return preset.autoscaling ? v.minReplicas.trim() === String(preset.minReplicas) && v.maxReplicas.trim() === String(preset.maxReplicas) : v.replicas.trim() === String(preset.maxReplicas);
}

/** The values as the form would submit them. */
export function policyFormData(v: PolicyValues): FormData {
  const form = new FormData();
  if (v.autoscaling) form.set("autoscaling", "on");
  for (const key of ["minReplicas", "maxReplicas", "replicas", "scaleToZeroMinutes", "targetConcurrency", "coldStartWorthMinutes"] as const) form.set(key, v[key]);
  if (v.scaleToZeroAuto) form.set("scaleToZeroAuto", "on");
  return form;
}

export function defaultPolicyValues(): PolicyValues {
  return { autoscaling: true, minReplicas: "0", maxReplicas: "2", replicas: "1", scaleToZeroMinutes: "15", targetConcurrency: "4", scaleToZeroAuto: false, coldStartWorthMinutes: "" };
}

function NumberInput(props: { name: string; value: string; onChange: (v: string) => void; min?: number; aria: object }) {
  return (
    <input
      type="number"
      inputMode="numeric"
      step={1}
      min={props.min}
      name={props.name}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      {...props.aria}
      className={cn(inputClass, "w-32")}
    />
  );
}

/**
 * The scaling policy fields of New Inference and Edit: Enable Auto-scaling, Min / Max Accels (or one
 * Accels count when off), scale-to-zero timeout when Min is 0, target concurrency under Advanced,
 * presets, and a live cost estimate.
 */
export function PolicyFields({
  values,
  onChange,
  errors: serverErrors,
  pricePerHour,
  storagePricePerHour,
  quota,
  showAllErrors = false,
}: {
  values: PolicyValues;
  onChange: (values: PolicyValues) => void;
  /** The server's answer; a field the user has changed since shows the form's own check instead. */
  errors: Record<string, string[] | undefined>;
  /** The organization's replica quota, checked as the user types. */
  quota?: number;
  /** After a refused submit: every field's error, touched or not. */
  showAllErrors?: boolean;
  pricePerHour: number | null;
  /** What the ledger charges per hour at zero replicas. */
  storagePricePerHour: number;
}) {
  const [advanced, setAdvanced] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const set = (patch: Partial<PolicyValues>) => {
    onChange({ ...values, ...patch });
    setTouched(new Set([...touched, ...Object.keys(patch)]));
  };
  // The same schema as the server, as the user types: its errors replace the server's for changed fields.
  const checked = useMemo(() => policyFieldErrors(policyFormData(values), quota), [values, quota]);
  const errors: Record<string, string[] | undefined> = showAllErrors || touched.size > 0 ? checked : serverErrors;
  const valid = Object.keys(checked).length === 0;
  const min = values.autoscaling ? Number(values.minReplicas) : Number(values.replicas);
  const max = values.autoscaling ? Number(values.maxReplicas) : Number(values.replicas);
  // An invalid policy has no cost to estimate.
  const estimate = pricePerHour !== null && valid ? estimateCost(pricePerHour, min, max, storagePricePerHour) : null;

  return (
    <div className="space-y-5">
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Presets</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {PRESETS.map((preset) => (
            <button
              key={preset.id}
              type="button"
              title={preset.description}
              aria-pressed={isPreset(values, preset)}
              onClick={() =>
                set(
                  preset.autoscaling
                    ? { autoscaling: true, minReplicas: String(preset.minReplicas), maxReplicas: String(preset.maxReplicas) }
                    : { autoscaling: false, replicas: String(preset.maxReplicas) },
                )
              }
              className={cn(
                "rounded-full px-3 py-1 text-xs font-medium ring-1",
                isPreset(values, preset) ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
              )}
            >
              {preset.label} {preset.minReplicas}–{preset.maxReplicas}
            </button>
          ))}
        </div>
      </fieldset>

      <label className="flex items-center gap-3">
        <button
          type="button"
          role="switch"
          aria-checked={values.autoscaling}
          aria-label="Enable Auto-scaling"
          onClick={() => set({ autoscaling: !values.autoscaling, replicas: values.autoscaling ? values.maxReplicas : values.replicas })}
          className={cn("relative inline-flex h-6 w-11 shrink-0 rounded-full transition", values.autoscaling ? "bg-brand-600" : "bg-slate-300")}
        >
          <span className={cn("absolute top-0.5 h-5 w-5 rounded-full bg-white shadow transition", values.autoscaling ? "left-5" : "left-0.5")} />
        </button>
        <span className="text-sm font-medium text-slate-800">Enable Auto-scaling</span>
        {values.autoscaling ? <input type="hidden" name="autoscaling" value="on" /> : null}
      </label>

      {values.autoscaling ? (
        <div className="flex flex-wrap gap-6">
          <Field name="minReplicas" label="Min Accels" errors={errors.minReplicas}>
            {(aria) => <NumberInput name="minReplicas" min={0} value={values.minReplicas} onChange={(v) => set({ minReplicas: v })} aria={aria} />}
          </Field>
          <Field name="maxReplicas" label="Max Accels" errors={errors.maxReplicas}>
            {(aria) => <NumberInput name="maxReplicas" min={1} value={values.maxReplicas} onChange={(v) => set({ maxReplicas: v })} aria={aria} />}
          </Field>
          {values.minReplicas.trim() === "0" ? (
            <div className="space-y-2">
              <Field
                name="scaleToZeroMinutes"
                label="Scale to zero after (minutes)"
                errors={errors.scaleToZeroMinutes}
                hint={values.scaleToZeroAuto ? "Used until the endpoint has enough idle gaps to learn from." : undefined}
              >
                {(aria) => <NumberInput name="scaleToZeroMinutes" min={1} value={values.scaleToZeroMinutes} onChange={(v) => set({ scaleToZeroMinutes: v })} aria={aria} />}
              </Field>
              <label className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" name="scaleToZeroAuto" checked={values.scaleToZeroAuto} onChange={(e) => set({ scaleToZeroAuto: e.target.checked })} />
                Auto: learn the timeout from this endpoint&apos;s idle gaps
              </label>
            </div>
          ) : (
            <>
              <input type="hidden" name="scaleToZeroMinutes" value={values.scaleToZeroMinutes} />
              {values.scaleToZeroAuto ? <input type="hidden" name="scaleToZeroAuto" value="on" /> : null}
            </>
          )}
        </div>
      ) : (
        <Field name="replicas" label="Accels" errors={errors.replicas} hint="Fixed scaling: this many replicas run all the time.">
          {(aria) => <NumberInput name="replicas" min={1} value={values.replicas} onChange={(v) => set({ replicas: v })} aria={aria} />}
        </Field>
      )}

      {values.autoscaling && values.minReplicas.trim() === "0" ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-800 ring-1 ring-amber-200">
          With Min Accels at 0 the endpoint scales to zero when idle: no compute cost, but the next request waits for a cold start.
        </p>
      ) : null}

      <div>
        <button type="button" aria-expanded={advanced} onClick={() => setAdvanced(!advanced)} className="text-sm font-medium text-brand-600 hover:text-brand-700">
          {advanced ? "Hide advanced" : "Advanced"}
        </button>
        <div hidden={!advanced} className="mt-3">
          <Field name="targetConcurrency" label="Target concurrency per replica" errors={errors.targetConcurrency} hint="Requests in flight per replica before another is started.">
            {(aria) => <NumberInput name="targetConcurrency" min={1} value={values.targetConcurrency} onChange={(v) => set({ targetConcurrency: v })} aria={aria} />}
          </Field>
          <Field
            name="coldStartWorthMinutes"
            label="A cold start is worth (minutes of replica time)"
            errors={errors.coldStartWorthMinutes}
            hint="For Auto scale-to-zero: how much idle replica time you would pay to spare a user one cold start. Empty: 20 times the measured start, at least 5 minutes."
          >
            {(aria) => <NumberInput name="coldStartWorthMinutes" min={1} value={values.coldStartWorthMinutes} onChange={(v) => set({ coldStartWorthMinutes: v })} aria={aria} />}
          </Field>
        </div>
      </div>

      <div aria-live="polite" data-testid="estimate" className="rounded-lg bg-slate-50 p-4 text-sm ring-1 ring-slate-200">
        {estimate ? (
          <dl className="grid grid-cols-3 gap-4">
            <div>
              <dt className="text-xs text-slate-500">Idle</dt>
              <dd className="font-semibold">{formatUsd(estimate.idlePerHour)}/h</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">At max</dt>
              <dd className="font-semibold">{formatUsd(estimate.peakPerHour)}/h</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">Per month</dt>
              <dd className="font-semibold">
                {formatUsd(estimate.monthLow)} – {formatUsd(estimate.monthHigh)}
              </dd>
            </div>
          </dl>
        ) : (
          <p className="text-slate-500">{pricePerHour !== null && !valid ? "Fix the scaling fields to see the cost." : "Choose an instance type and replica counts to see the cost."}</p>
        )}
      </div>
    </div>
  );
}
