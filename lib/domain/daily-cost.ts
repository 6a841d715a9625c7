const DAY = 86_400_000;

/** One UTC day of a cost chart: `t` is its midnight, each other key an endpoint's cost that day. */
export type DailyCost = { t: number } & Record<string, number>;

/**
 * Every UTC day of [from, to) as a point, each with the costs recorded for it, so the chart's axis is
 * the whole window: days with nothing recorded (or still to come) show as empty, not as missing.
 */
export function everyDay(from: number, to: number, costs: Map<number, Record<string, number>>): DailyCost[] {
  const days: DailyCost[] = [];
  for (let t = Math.floor(from / DAY) * DAY; t < to; t += DAY) days.push({ ...costs.get(t), t } as DailyCost);
  return days;
}

/** Adds `amount` to `name` on the UTC day of `at`. */
export function addToDay(costs: Map<number, Record<string, number>>, at: number, name: string, amount: number): void {
  const day = Math.floor(at / DAY) * DAY;
  const entry = costs.get(day) ?? {};
  entry[name] = (entry[name] ?? 0) + amount;
  costs.set(day, entry);
}
