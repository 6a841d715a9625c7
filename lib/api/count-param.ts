import { ValidationError } from "@/lib/errors";

/** A count in the query (`?limit=`, `?lines=`): `fallback` when absent, else a whole number from 1 to 500, or a 422 naming it. */
export function countParam(request: Request, name: string, fallback: number): number {
  const raw = new URL(request.url).searchParams.get(name);
  if (raw === null) return fallback;
  const count = Number(raw);
  if (!/^\d{1,3}$/.test(raw) || count < 1 || count > 500) throw ValidationError.forField(name, `${name} must be a whole number from 1 to 500.`);
  return count;
}
