import { handle } from "@/lib/api/respond";
import { getCaller } from "@/lib/auth";
import { UnauthorizedError } from "@/lib/errors";
import { costLinesCsv, costRange, getCostLines } from "@/lib/services/costs";

/** The Costs page's range as CSV: one line per endpoint per day. */
export const GET = handle(async (request: Request) => {
  const caller = await getCaller();
  if (!caller) throw new UnauthorizedError();
  const params = new URL(request.url).searchParams;
  const range = costRange({ from: params.get("from"), to: params.get("to") });
  const csv = costLinesCsv(await getCostLines({ caller, from: range.from, to: range.to }));
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="ebb-costs-${range.fromDay}-to-${range.toDay}.csv"`,
    },
  });
});
