"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useEndpointAction } from "@/components/endpoints/use-endpoint-action";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { TableHead } from "@/components/ui/table-head";
import { FrontierChart } from "@/components/what-if/frontier-chart";
import { cn } from "@/lib/cn";
import type { WhatIf, WhatIfPoint } from "@/lib/domain/what-if";
import { whatIfQuery } from "@/lib/queries/endpoints";
import { updatePolicyAction } from "../actions";

const DAYS = [1, 7, 30] as const;
const usd = (n: number) => `$${Math.abs(n) < 0.01 && n !== 0 ? n.toFixed(4) : n.toFixed(2)}`;
const signedUsd = (n: number) => `${n < 0 ? "−" : "+"}${usd(Math.abs(n))}`;
const delay = (s: number | null) => (s === null ? "—" : `${s.toFixed(1)} s`);

function policyText(p: WhatIfPoint["policy"]): string {
  if (!p.autoscaling) return `${p.maxReplicas} fixed`;
  const zero = p.scaleToZeroAuto ? ", auto zero" : `, zero after ${p.scaleToZeroMinutes} min`;
  return `${p.minReplicas}–${p.maxReplicas}, target ${p.targetConcurrency}${p.minReplicas === 0 ? zero : ""}`;
}

/** How far the replay of the current policy is from what was billed: the reason to trust the other points. */
function Agreement({ w }: { w: WhatIf }) {
  const pct = (r: number | null) => (r === null ? "—" : `${Math.round(r * 100)} %`);
  return (
    <p className="text-xs text-slate-600" data-testid="what-if-agreement">
      The replay of the current policy gives {w.current.outcome.replicaHours.toFixed(2)} replica-hours, {usd(w.current.outcome.cost)} and {w.current.outcome.coldStarts} cold starts; the ledger
      recorded {w.recorded.replicaHours.toFixed(2)} replica-hours, {usd(w.recorded.cost)} and {w.recorded.coldStarts} cold starts ({pct(w.agreement.replicaHours)} of the replica-hours,{" "}
      {pct(w.agreement.cost)} of the cost{w.agreement.within ? ", within 10 %" : ", outside 10 %: read the points with care"}). {w.requests} requests replayed with starts of{" "}
      {w.coldStartSeconds.toFixed(1)} s{w.coldStartMeasured ? " (measured)" : ""}.
    </p>
  );
}

function ApplyForm({ name, point }: { name: string; point: WhatIfPoint }) {
  const [state, action] = useEndpointAction(updatePolicyAction);
  const p = point.policy;
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="endpoint" value={name} />
      {p.autoscaling ? <input type="hidden" name="autoscaling" value="on" /> : null}
      <input type="hidden" name="minReplicas" value={p.minReplicas} />
      <input type="hidden" name="maxReplicas" value={p.maxReplicas} />
      <input type="hidden" name="replicas" value={p.maxReplicas} />
      <input type="hidden" name="scaleToZeroMinutes" value={p.scaleToZeroMinutes} />
      <input type="hidden" name="targetConcurrency" value={p.targetConcurrency} />
      {p.scaleToZeroAuto ? <input type="hidden" name="scaleToZeroAuto" value="on" /> : null}
      <input type="hidden" name="coldStartWorthMinutes" value={p.coldStartWorthMinutes ?? ""} />
      <SubmitButton pendingLabel="Applying…">Apply this policy</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

function Comparison({ w, point, name, canEdit }: { w: WhatIf; point: WhatIfPoint; name: string; canEdit: boolean }) {
  const c = w.current.outcome;
  const o = point.outcome;
  return (
    <div className="space-y-3 rounded-lg bg-slate-50 p-4 text-sm ring-1 ring-slate-200" data-testid="what-if-selected">
      <p>
        <strong>{point.label}</strong> <span className="text-slate-500">({policyText(point.policy)})</span>
      </p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <div>
          <dt className="text-xs text-slate-500">Cost over the period</dt>
          <dd>
            {usd(c.cost)} → <strong>{usd(o.cost)}</strong>
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Per month</dt>
          <dd className={point.monthlyCostChange < 0 ? "text-emerald-700" : point.monthlyCostChange > 0 ? "text-red-700" : undefined}>{signedUsd(point.monthlyCostChange)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Cold starts</dt>
          <dd>
            {c.coldStarts} → <strong>{o.coldStarts}</strong>
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Requests delayed (p50)</dt>
          <dd>
            {c.delayedRequests} ({delay(c.delayP50Seconds)}) → <strong>{o.delayedRequests}</strong> ({delay(o.delayP50Seconds)})
          </dd>
        </div>
      </dl>
      {point.current ? <p className="text-slate-600">This is the current policy.</p> : canEdit ? <ApplyForm name={name} point={point} /> : <p className="text-slate-600">Your role may compare policies but not change them.</p>}
    </div>
  );
}

/** The endpoint's own traffic replayed under other policies: the frontier of cost against cold starts, and Apply. */
export function WhatIfCard({ name, canEdit }: { name: string; canEdit: boolean }) {
  const [days, setDays] = useState<number>(7);
  const { data, error, isPending } = useQuery(whatIfQuery(name, days));
  const [selectedLabel, setSelectedLabel] = useState<string | null>(null);
  const points = data?.points ?? [];
  const selectedIndex = Math.max(0, points.findIndex((p) => p.label === selectedLabel));
  const selected = points[selectedIndex];
  const select = (index: number) => setSelectedLabel(points[index]?.label ?? null);

  return (
    <section aria-labelledby="what-if-heading" className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200" data-testid="what-if">
      <div className="flex flex-wrap items-center gap-2">
        <div className="mr-auto">
          <h2 id="what-if-heading" className="text-base font-semibold">
            What if
          </h2>
          <p className="text-xs text-slate-500">This endpoint&apos;s recorded traffic replayed through the autoscaler under other policies.</p>
        </div>
        {DAYS.map((d) => (
          <button
            key={d}
            type="button"
            aria-pressed={d === days}
            onClick={() => setDays(d)}
            className={cn("rounded-md px-2 py-1 text-xs", d === days ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200")}
          >
            {d === 1 ? "1 day" : `${d} days`}
          </button>
        ))}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          Could not replay the traffic: {error.message}
        </p>
      ) : isPending || !data ? (
        <p className="text-sm text-slate-500" role="status">
          Replaying the last {days === 1 ? "day" : `${days} days`} of traffic…
        </p>
      ) : (
        <>
          {data.recommendation ? (
            <div className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900 ring-1 ring-emerald-200" data-testid="recommendation">
              <p>
                <strong>Recommended: {data.recommendation.label}</strong> ({signedUsd(data.recommendation.monthlyCostChange)} a month). {data.recommendation.reason}
              </p>
              <button type="button" className="mt-1 text-xs font-medium underline" onClick={() => setSelectedLabel(data.recommendation!.label)}>
                Compare it
              </button>
            </div>
          ) : null}
          <Agreement w={data} />
          {data.note ? <p className="text-xs text-amber-800">{data.note}</p> : null}
          <FrontierChart points={points} selected={selectedIndex} onSelect={select} />
          {selected ? <Comparison w={data} point={selected} name={name} canEdit={canEdit} /> : null}
          <div className="relative overflow-x-auto">
            <table className="min-w-full text-sm" data-testid="what-if-points">
              <TableHead
                padding="px-2"
                columns={["Policy", "Settings", { label: "Cost", align: "right" }, { label: "Per month", align: "right" }, { label: "Cold starts", align: "right" }, { label: "Delayed", align: "right" }, { label: "Compare", srOnly: true }]}
              />
              <tbody className="divide-y divide-slate-100">
                {points.map((p, i) => (
                  <tr key={p.label} className={cn(i === selectedIndex && "bg-brand-50")}>
                    <td className="px-2 py-1.5">
                      {p.label}
                      {p.current ? <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-800">current</span> : null}
                      {p.frontier ? <span className="ml-1 rounded bg-brand-50 px-1 text-xs text-brand-700">frontier</span> : null}
                    </td>
                    <td className="px-2 py-1.5 text-slate-600">{policyText(p.policy)}</td>
                    <td className="px-2 py-1.5 text-right tabular-nums">{usd(p.outcome.cost)}</td>
                    <td className="px-2 py-1.5 text-right tabular-nums">{p.current ? "—" : signedUsd(p.monthlyCostChange)}</td>
                    <td className="px-2 py-1.5 text-right tabular-nums">{p.outcome.coldStarts}</td>
                    <td className="px-2 py-1.5 text-right tabular-nums">{p.outcome.delayedRequests}</td>
                    <td className="px-2 py-1.5 text-right">
                      {/* Named by its row, so the page's own "Scale to zero" stays the one button of that name. */}
                      <button type="button" className="text-xs font-medium text-brand-700 underline" onClick={() => select(i)}>
                        Compare
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
