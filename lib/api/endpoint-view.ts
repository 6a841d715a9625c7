import type { EndpointRow } from "@/lib/db/schema";
import { availability, type LifecycleAction } from "@/lib/domain/endpoint-actions";
import { can } from "@/lib/domain/roles";
import type { Caller } from "@/lib/services/caller";
import type { CurrentPrice } from "@/lib/costs/prices";
import type { StartupProgress } from "@/lib/domain/startup";
import { endpointJson } from "./endpoint-json";

const ACTIONS: LifecycleAction[] = ["pause", "resume", "scaleToZero", "delete"];

/** An endpoint for the console: its JSON plus, per button, whether this caller may press it now and why not. */
/** `price`: the instance type's current prices, for the policy editor's estimate. */
/** `resumeBlocked`: why Resume would not keep it running (paused at its budget), shown on the button. */
/** `startup`: how a start in progress is going (lib/services/startup). */
export function endpointView(
  row: EndpointRow,
  origin: string,
  caller: Caller,
  costToday = 0,
  price: CurrentPrice | null = null,
  resumeBlocked: string | null = null,
  startup: StartupProgress | null = null,
) {
  const actions = Object.fromEntries(
    ACTIONS.map((action) => {
      const permitted = can(caller.role, action === "delete" ? "endpoints.manage" : "endpoints.operate");
      const state = action === "resume" && resumeBlocked ? { enabled: false, reason: resumeBlocked } : availability(row, action);
      return [action, permitted ? state : { enabled: false, reason: "Your role does not allow this." }];
    }),
  ) as Record<LifecycleAction, { enabled: boolean; reason?: string }>;
  return { ...endpointJson(row, origin, caller.organizationSlug), actions, canEdit: can(caller.role, "endpoints.manage"), costToday, pricePerHour: price?.pricePerHour ?? null, storagePricePerHour: price?.storagePricePerHour ?? 0, startup };
}

export type EndpointView = ReturnType<typeof endpointView>;
