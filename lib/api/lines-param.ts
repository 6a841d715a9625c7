import { ValidationError } from "@/lib/errors";

/** `?lines=N` of a logs request: 100 when absent, else a whole number from 1 to 500 (a 422 naming it). */
export function linesParam(request: Request): number {
  const raw = new URL(request.url).searchParams.get("lines");
  if (raw === null || raw === "") return 100;
  if (!/^\d{1,3}$/.test(raw)) throw ValidationError.forField("lines", "lines must be a whole number from 1 to 500.");
  return Number(raw);
}
