import { cn } from "@/lib/cn";

export type Column = string | { label: string; align?: "right"; srOnly?: boolean };

/** The header row of the console's tables; `srOnly` columns are named for screen readers only. */
export function TableHead({ columns, padding = "px-4" }: { columns: Column[]; padding?: string }) {
  return (
    <thead className="text-xs uppercase tracking-wide text-slate-500">
      <tr>
        {columns.map((column) => {
          const c = typeof column === "string" ? { label: column } : column;
          return (
            <th key={c.label} className={cn(padding, "py-2 font-medium", c.align === "right" && "text-right")}>
              {c.srOnly ? <span className="sr-only">{c.label}</span> : c.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
