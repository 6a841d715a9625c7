"use client";

import type { EventJson } from "@/lib/api/endpoint-json";
import type { EndpointView } from "@/lib/api/endpoint-view";

/** Why a paused endpoint is paused (a person, its schedule, its budget) and what Resume will do. */
export function PauseNotice({ endpoint: e, events }: { endpoint: EndpointView; events: EventJson[] }) {
  if (e.desiredState !== "paused") return null;
  const paused = events.find((event) => event.kind === "paused");
  const resume = e.actions.resume;
  return (
    <div role="status" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200" data-testid="pause-notice">
      <p>
        {paused ? (
          <>
            Paused by <strong>{paused.actor}</strong> on {new Date(paused.at).toLocaleString()}: {paused.message}.
          </>
        ) : (
          "Paused: no replica runs and requests are refused."
        )}
      </p>
      <p className="mt-1 text-slate-600">
        {resume.enabled
          ? `Resume starts it with its policy (${e.policy.autoscaling ? `${e.policy.minReplicas}–${e.policy.maxReplicas} replicas` : `${e.policy.maxReplicas} fixed`})${e.schedule ? "; its schedule pauses it again when its window closes" : ""}.`
          : resume.reason}
      </p>
    </div>
  );
}
