"use client";

import type { EventJson } from "@/lib/api/endpoint-json";

export function LifecycleLog({ events }: { events: EventJson[] }) {
  return (
    <section aria-labelledby="log-heading" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id="log-heading" className="border-b border-slate-200 px-5 py-3 text-base font-semibold">
        Lifecycle log
      </h2>
      <ol className="divide-y divide-slate-100 text-sm" data-testid="lifecycle-log">
        {events.map((event, i) => (
          <li key={`${event.at}-${i}`} className="grid grid-cols-1 gap-x-3 px-5 py-2 sm:grid-cols-[11rem_9rem_1fr]">
            <time dateTime={event.at} className="tabular-nums text-slate-500">
              {new Date(event.at).toLocaleString()}
            </time>
            <span className="truncate font-medium text-slate-700" title={event.actor}>
              {event.actor}
            </span>
            <span className="break-words text-slate-700">{event.message}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
