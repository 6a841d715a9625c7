"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { LifecycleButton } from "../lifecycle-button";
import { StateBadge } from "@/components/endpoints/state-badge";
import type { EventJson } from "@/lib/api/endpoint-json";
import type { EndpointView } from "@/lib/api/endpoint-view";
import { replicasByEbb } from "@/lib/domain/providers";
import { endpointQuery } from "@/lib/queries/endpoints";
import { ScheduleCard } from "./schedule-card";
import { DeleteCard } from "./delete-card";
import { LifecycleLog } from "./lifecycle-log";
import { PauseNotice } from "./pause-notice";
import { StartupProgress } from "./startup-progress";
import { PlaygroundCard } from "./playground-card";
import { PolicyCard } from "./policy-card";
import { ReplicaLogsCard } from "./replica-logs-card";
import { UrlCard } from "./url-card";
import { WhatIfCard } from "./what-if-card";

type Data = { endpoint: EndpointView; events: EventJson[] };

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

      <PauseNotice endpoint={e} events={data.events} />
      <StartupProgress startup={e.startup} />
      <div className="flex flex-wrap items-start gap-2">
        <LifecycleButton endpoint={e.name} action="pause" availability={e.actions.pause} />
        <LifecycleButton endpoint={e.name} action="resume" availability={e.actions.resume} />
        <LifecycleButton endpoint={e.name} action="scaleToZero" availability={e.actions.scaleToZero} />
      </div>

      <UrlCard endpoint={e} />
      <PlaygroundCard endpoint={e} />
      {charts}
      <PolicyCard endpoint={e} />
      <WhatIfCard name={e.name} canEdit={e.canEdit} />
      <ScheduleCard name={e.name} schedule={e.schedule} canEdit={e.canEdit} />
      <LifecycleLog name={e.name} events={data.events} />
      {replicasByEbb(e.provider) ? <ReplicaLogsCard name={e.name} /> : null}
      {e.actions.delete.enabled ? <DeleteCard name={e.name} /> : null}
    </div>
  );
}
