import { cn } from "@/lib/cn";

/** Button styles, for buttons and for links that look like buttons (server or client). */
export function buttonClass(variant: "primary" | "danger" | "secondary" = "primary"): string {
  const base =
    "inline-flex items-center justify-center gap-2 rounded-md px-3.5 py-2 text-sm font-medium shadow-sm transition focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60";
  const variants = {
    primary: "bg-brand-600 text-white hover:bg-brand-700 focus-visible:outline-brand-600",
    danger: "bg-red-600 text-white hover:bg-red-700 focus-visible:outline-red-600",
    secondary: "bg-white text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-brand-600",
  };
  return cn(base, variants[variant]);
}
