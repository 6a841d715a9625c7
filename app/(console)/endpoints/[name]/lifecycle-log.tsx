"use client";

import { useState } from "react";
import { cn } from "@/lib/cn";
import type { EventJson } from "@/lib/api/endpoint-json";

const FILTERS = {
  all: { label: "All", keep: () => true },
  people: { label: "People", keep: (e: EventJson) => e.actorType === "user" },
  scaling: { label: "Scaling", keep: (e: EventJson) => e.actorType === "autoscaler" },
  problems: { label: "Problems", keep: (e: EventJson) => /fail|crash|budget|error/i.test(`${e.kind} ${e.message}`) },
} as const;
type FilterKey = keyof typeof FILTERS;
const PAGE = 100;

/** The lifecycle log, newest first: who or what did each thing and why; filtered, and paged back in time. */
export function LifecycleLog({ name, events }: { name: string; events: EventJson[] }) {
  const [filter, setFilter] = useState<FilterKey>("all");
  const [older, setOlder] = useState<EventJson[]>([]);
  const [exhausted, setExhausted] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  // The live page's entries, then the older ones fetched, without repeats where they meet.
  const seen = new Set(events.map((e) => `${e.at}/${e.kind}/${e.message}`));
  const all = [...events, ...older.filter((e) => !seen.has(`${e.at}/${e.kind}/${e.message}`))];
  const shown = all.filter(FILTERS[filter].keep);

  async function loadOlder() {
    const last = all.at(-1);
    if (!last) return;
    const response = await fetch(`/api/console/endpoints/${encodeURIComponent(name)}/events?limit=${PAGE}&before=${encodeURIComponent(last.at)}`, { cache: "no-store" });
    if (!response.ok) {
      setLoadError(`Could not load older entries (HTTP ${response.status}).`);
      return;
    }
    const { items } = (await response.json()) as { items: EventJson[] };
    setOlder([...older, ...items]);
    if (items.length < PAGE) setExhausted(true);
  }

  return (
    <section aria-labelledby="log-heading" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-5 py-3">
        <h2 id="log-heading" className="mr-auto text-base font-semibold">
          Lifecycle log
        </h2>
        {(Object.keys(FILTERS) as FilterKey[]).map((key) => (
          <button
            key={key}
            type="button"
            aria-pressed={key === filter}
            onClick={() => setFilter(key)}
            className={cn("rounded-md px-2 py-1 text-xs", key === filter ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200")}
          >
            {FILTERS[key].label}
          </button>
        ))}
      </div>
      <ol className="divide-y divide-slate-100 text-sm" data-testid="lifecycle-log">
        {shown.map((event, i) => (
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
        {shown.length === 0 ? <li className="px-5 py-3 text-slate-500">No entries {filter === "all" ? "yet" : "of this kind among those loaded"}.</li> : null}
      </ol>
      {all.length >= PAGE && !exhausted ? (
        <div className="border-t border-slate-100 px-5 py-2">
          <button type="button" onClick={() => void loadOlder()} className="text-sm font-medium text-brand-700 underline">
            Show older entries
          </button>
          {loadError ? (
            <p role="alert" className="text-sm text-red-700">
              {loadError}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
