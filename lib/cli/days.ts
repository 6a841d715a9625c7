import { DAY_NAMES } from "../domain/schedule";
import { CliError } from "./client";

/** "mon-fri", "sat,sun", "mon,wed-fri" → ISO weekdays. */
export function parseDays(value: string | undefined): number[] {
  if (!value) throw new CliError("give --days, like mon-fri or sat,sun");
  const index = (day: string) => {
    const i = DAY_NAMES.findIndex((d) => d.toLowerCase() === day.trim().toLowerCase().slice(0, 3));
    if (i < 0) throw new CliError(`unknown day "${day}" in --days`);
    return i + 1;
  };
  return value.split(",").flatMap((part) => {
    const [from, to] = part.split("-");
    if (to === undefined) return [index(from!)];
    const days: number[] = [];
    for (let d = index(from!); ; d = (d % 7) + 1) {
      days.push(d);
      if (d === index(to)) return days;
    }
  });
}
