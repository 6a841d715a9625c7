"use client";

import { useQuery } from "@tanstack/react-query";
import { useActionState, useState, type ReactNode } from "react";
import { defaultPolicyValues, PolicyFields, type PolicyValues } from "@/components/forms/policy-fields";
import { LifecycleButton } from "../lifecycle-button";
import { StateBadge } from "@/components/endpoints/state-badge";
import { inputClass, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { buttonClass } from "@/components/ui/button-class";
import { SubmitButton } from "@/components/ui/submit-button";
import type { EventJson } from "@/lib/api/endpoint-json";
import type { EndpointView } from "@/lib/api/endpoint-view";
import { initialActionState } from "@/lib/forms/action-state";
import { useEndpointAction } from "@/components/endpoints/use-endpoint-action";
import { endpointQuery } from "@/lib/queries/endpoints";
import { deleteEndpointAction, updatePolicyAction } from "../actions";
import { ScheduleCard } from "./schedule-card";

type Data = { endpoint: EndpointView; events: EventJson[] };

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
  };
}

function describe(v: PolicyValues): string {
  return v.autoscaling ? `auto-scaling ${v.minReplicas}–${v.maxReplicas}, scale to zero after ${v.scaleToZeroMinutes} min, target ${v.targetConcurrency}` : `${v.replicas} fixed`;
}

export function EndpointDetail({ initial, charts }: { initial: Data; charts: ReactNode }) {
  const { data } = useQuery({ ...endpointQuery(initial.endpoint.name), initialData: initial });
  const e = data.endpoint;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{e.name}</h1>
        <StateBadge state={e.state} />
        <span className="text-sm text-slate-500">
          {e.replicas.ready} ready / {e.replicas.target} target
        </span>
        {e.tags.map((tag) => (
          <span key={tag} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600" data-testid="tag">
            {tag}
          </span>
        ))}
      </div>
      {e.stateMessage ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200">
          {e.stateMessage}
        </p>
      ) : null}

      <div className="flex flex-wrap items-start gap-2">
        <LifecycleButton endpoint={e.name} action="pause" availability={e.actions.pause} />
        <LifecycleButton endpoint={e.name} action="resume" availability={e.actions.resume} />
        <LifecycleButton endpoint={e.name} action="scaleToZero" availability={e.actions.scaleToZero} />
      </div>

      <UrlCard endpoint={e} />
      {charts}
      <PolicyCard endpoint={e} />
      <ScheduleCard name={e.name} schedule={e.schedule} canEdit={e.canEdit} />
      <LifecycleLog events={data.events} />
      {e.actions.delete.enabled ? <DeleteCard name={e.name} /> : null}
    </div>
  );
}

function UrlCard({ endpoint: e }: { endpoint: EndpointView }) {
  const [copied, setCopied] = useState(false);
  const curl = `curl ${e.url}/v1/chat/completions \\
  -H "Content-Type: application/json" \\
  -H "X-Scale-Up-Timeout: 120" \\${e.protected ? '\n  -H "Authorization: Bearer $EBB_TOKEN" \\' : ""}
  -d '{"messages": [{"role": "user", "content": "We hold these truths"}], "max_tokens": 32}'`;
  return (
    <section aria-labelledby="url-heading" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="url-heading" className="text-base font-semibold">
        Endpoint URL
      </h2>
      <div className="mt-2 flex items-center gap-2">
        <code data-testid="endpoint-url" className="flex-1 truncate rounded bg-slate-100 px-3 py-2 text-sm">
          {e.url}
        </code>
        <button
          type="button"
          className={buttonClass("secondary")}
          onClick={() => {
            void navigator.clipboard?.writeText(e.url).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <p className="mt-3 text-xs text-slate-500">
        A request to an endpoint scaled to zero wakes it. With <code>X-Scale-Up-Timeout</code> it waits up to that many seconds for
        the cold start; without, it gets 503 with Retry-After.
      </p>
      <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{curl}</pre>
    </section>
  );
}

function PolicyCard({ endpoint: e }: { endpoint: EndpointView }) {
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState(() => policyValues(e));
  const [state, action] = useEndpointAction(updatePolicyAction, () => setEditing(false));
  const current = policyValues(e);
  const price = e.pricePerHour;
  const changed = describe(values) !== describe(current);

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
          <dd>{e.policy.autoscaling && e.policy.minReplicas === 0 ? `${e.policy.scaleToZeroMinutes} min` : "Never"}</dd>
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
        <form action={action} className="mt-5 space-y-4 border-t border-slate-200 pt-5" noValidate>
          <input type="hidden" name="endpoint" value={e.name} />
          <PolicyFields values={values} onChange={setValues} errors={state.fieldErrors ?? {}} pricePerHour={price} />
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

function LifecycleLog({ events }: { events: EventJson[] }) {
  return (
    <section aria-labelledby="log-heading" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id="log-heading" className="border-b border-slate-200 px-5 py-3 text-base font-semibold">
        Lifecycle log
      </h2>
      <ol className="divide-y divide-slate-100 text-sm" data-testid="lifecycle-log">
        {events.map((event, i) => (
          <li key={`${event.at}-${i}`} className="grid grid-cols-[11rem_9rem_1fr] gap-3 px-5 py-2">
            <time dateTime={event.at} className="tabular-nums text-slate-500">
              {new Date(event.at).toLocaleString()}
            </time>
            <span className="truncate font-medium text-slate-700" title={event.actor}>
              {event.actor}
            </span>
            <span className="text-slate-700">{event.message}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function DeleteCard({ name }: { name: string }) {
  const [state, action] = useActionState(deleteEndpointAction, initialActionState);
  const [typed, setTyped] = useState("");
  return (
    <section aria-labelledby="delete-heading" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-red-200">
      <h2 id="delete-heading" className="text-base font-semibold text-red-700">
        Delete endpoint
      </h2>
      <p className="mt-1 text-sm text-slate-600">Stops its replicas; its URL answers 404. Its cost history stays.</p>
      <form action={action} className="mt-3 flex flex-wrap items-end gap-3" noValidate>
        <input type="hidden" name="endpoint" value={name} />
        <div className="w-64">
          <TextField
            name="confirmName"
            label={`Type ${name} to confirm`}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            className={inputClass}
            errors={state.fieldErrors?.confirmName}
          />
        </div>
        <SubmitButton variant="danger" pendingLabel="Deleting…">
          Delete
        </SubmitButton>
      </form>
      <FormMessage state={state.fieldErrors ? initialActionState : state} />
    </section>
  );
}
