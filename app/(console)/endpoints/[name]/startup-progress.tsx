"use client";

import type { StartupProgress as Progress } from "@/lib/domain/startup";

/** A start in progress: elapsed against the usual start, the phase, and the replica's last line of output. */
export function StartupProgress({ startup }: { startup: Progress | null }) {
  if (!startup) return null;
  const { elapsedSeconds: elapsed, expectedSeconds: expected } = startup;
  const share = elapsed !== null && expected ? Math.min(1, elapsed / expected) : null;
  return (
    <div role="status" className="space-y-2 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900 ring-1 ring-sky-200" data-testid="startup-progress">
      <p>
        <strong>
          Starting {startup.starting} replica{startup.starting === 1 ? "" : "s"}
        </strong>
        {elapsed !== null ? `: ${elapsed.toFixed(0)} s` : ""}
        {expected !== null ? ` of about ${expected.toFixed(expected < 10 ? 1 : 0)} s (${startup.expectedFrom === "measured" ? "its usual start" : "the runtime's load time"})` : ""}. {startup.phase}.
      </p>
      {share !== null ? (
        <div className="h-1.5 overflow-hidden rounded bg-sky-100" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)} aria-label="Start progress">
          <div className="h-full bg-sky-600 transition-all" style={{ width: `${Math.round(share * 100)}%` }} />
        </div>
      ) : null}
      {startup.lastLine ? <p className="truncate font-mono text-xs text-sky-800">{startup.lastLine}</p> : null}
    </div>
  );
}
