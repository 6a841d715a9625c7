"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formatBytes, formatCores } from "@/components/charts/format";
import { cn } from "@/lib/cn";
import { replicaLogsQuery } from "@/lib/queries/endpoints";

/** A replica's id in short: a local one's first 8 characters, a pod's generated suffix. */
const shortId = (id: string) => (/^[0-9a-f]{8}-/.test(id) ? id.slice(0, 8) : id.slice(id.lastIndexOf("-") + 1));

/** What each recent replica wrote to stdout and stderr, live: how a start is going, or why it failed. */
export function ReplicaLogsCard({ name }: { name: string }) {
  const { data, error } = useQuery(replicaLogsQuery(name));
  const [chosen, setChosen] = useState<string | null>(null);
  const replicas = data?.replicas ?? [];
  const shown = replicas.find((r) => r.id === chosen) ?? replicas[0];
  return (
    <section aria-labelledby="replica-logs-heading" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200" data-testid="replica-logs">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-5 py-3">
        <h2 id="replica-logs-heading" className="mr-auto text-base font-semibold">
          Replica logs
        </h2>
        {replicas.map((r) => (
          <button
            key={r.id}
            type="button"
            aria-pressed={r.id === shown?.id}
            onClick={() => setChosen(r.id)}
            className={cn("rounded-md px-2 py-1 font-mono text-xs", r.id === shown?.id ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200")}
          >
            {shortId(r.id)} · {r.status}
            {r.usage && r.status !== "stopped" ? ` · ${formatCores(r.usage.cpuCores)} cores · ${formatBytes(r.usage.memoryBytes)}` : ""}
          </button>
        ))}
      </div>
      {error ? (
        <p role="alert" className="px-5 py-3 text-sm text-red-700">
          Could not load the logs: {error.message}
        </p>
      ) : !shown ? (
        <p className="px-5 py-3 text-sm text-slate-500">No replica has run yet. Its output appears here as it starts.</p>
      ) : shown.lines.length === 0 ? (
        <p className="px-5 py-3 text-sm text-slate-500">Replica {shown.id.slice(0, 8)} has written nothing yet.</p>
      ) : (
        <pre className="max-h-80 overflow-auto px-5 py-3 font-mono text-xs leading-5 text-slate-800" data-testid="replica-log-lines">
          {shown.lines.map((l, i) => (
            <div key={i} className={l.stream === "stderr" ? "text-amber-800" : undefined}>
              <span className="select-none text-slate-400">{l.at.slice(11, 19)} </span>
              {l.line}
            </div>
          ))}
        </pre>
      )}
    </section>
  );
}
