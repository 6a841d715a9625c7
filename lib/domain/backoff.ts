/**
 * The wait before retry number `attempt` (1 for the first retry): `baseMs` doubled each time, at most
 * `maxMs`. With `random` (0..1), "full jitter": a random wait up to that bound, so many clients retrying
 * at once spread out.
 */
export function backoffMs(attempt: number, { baseMs, maxMs, random }: { baseMs: number; maxMs: number; random?: () => number }): number {
  const bound = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return random ? random() * bound : bound;
}
