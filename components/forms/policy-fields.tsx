"use client";

import { useState } from "react";
import { Field, inputClass } from "@/components/ui/field";
import { estimateCost, formatUsd, PRESETS } from "@/lib/domain/presets";
import { cn } from "@/lib/cn";

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
  errors,
  pricePerHour,
  storagePricePerHour,
}: {
  values: PolicyValues;
  onChange: (values: PolicyValues) => void;
  errors: Record<string, string[] | undefined>;
  pricePerHour: number | null;
  /** What the ledger charges per hour at zero replicas. */
  storagePricePerHour: number;
}) {
  const [advanced, setAdvanced] = useState(false);
  const set = (patch: Partial<PolicyValues>) => onChange({ ...values, ...patch });
  const min = values.autoscaling ? Number(values.minReplicas) : Number(values.replicas);
  const max = values.autoscaling ? Number(values.maxReplicas) : Number(values.replicas);
  const estimate = pricePerHour !== null && Number.isFinite(min) && Number.isFinite(max) ? estimateCost(pricePerHour, min, max, storagePricePerHour) : null;

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
              onClick={() =>
                set(
                  preset.autoscaling
                    ? { autoscaling: true, minReplicas: String(preset.minReplicas), maxReplicas: String(preset.maxReplicas) }
                    : { autoscaling: false, replicas: String(preset.maxReplicas) },
                )
              }
              className="rounded-full bg-white px-3 py-1 text-xs font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"
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
          <p className="text-slate-500">Choose an instance type and replica counts to see the cost.</p>
        )}
      </div>
    </div>
  );
}
