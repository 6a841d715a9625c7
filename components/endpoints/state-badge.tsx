import { cn } from "@/lib/cn";
import { STATE_LABELS } from "@/lib/domain/states";

const TONES: Record<string, string> = {
  running: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  scaledToZero: "bg-sky-50 text-sky-700 ring-sky-200",
  paused: "bg-slate-100 text-slate-700 ring-slate-300",
  failed: "bg-red-50 text-red-700 ring-red-200",
};

export function StateBadge({ state }: { state: string }) {
  return (
    <span
      data-testid="state-badge"
      className={cn("inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", TONES[state] ?? "bg-amber-50 text-amber-800 ring-amber-200")}
    >
      <span aria-hidden="true" className="h-1.5 w-1.5 rounded-full bg-current" />
      {STATE_LABELS[state] ?? state}
    </span>
  );
}
