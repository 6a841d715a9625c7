import { ValidationError } from "@/lib/errors";

/** A count in the query (`?limit=`, `?lines=`, `?days=`): `fallback` when absent, else a whole number from 1 to `max`, or a 422 naming it. */
export function countParam(request: Request, name: string, fallback: number, max = 500): number {
  const raw = new URL(request.url).searchParams.get(name);
  if (raw === null) return fallback;
  const count = Number(raw);
  if (!/^\d{1,3}$/.test(raw) || count < 1 || count > max) throw ValidationError.forField(name, `${name} must be a whole number from 1 to ${max}.`);
  return count;
}
