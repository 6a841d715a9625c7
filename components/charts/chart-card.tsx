import type { ReactNode } from "react";

/** A titled chart panel; with no data, an empty state that says how to fill it. */
export function ChartCard({ title, empty, emptyText, children, testId }: { title: string; empty: boolean; emptyText: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section aria-label={title} data-testid={testId} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h3 className="mb-3 text-sm font-semibold text-slate-800">{title}</h3>
      {empty ? <div className="flex h-48 items-center justify-center px-6 text-center text-sm text-slate-500">{emptyText}</div> : <div className="h-48">{children}</div>}
    </section>
  );
}
