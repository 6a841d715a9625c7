import { currentPrice, localInstanceTypes, type CurrentPrice } from "@/lib/costs/prices";
import type { InstanceType } from "@/lib/domain/instance-types";
import { priceKeyOf } from "@/lib/domain/providers";
import type { EndpointRow } from "@/lib/db/schema";
import { assertCan, type Caller } from "./caller";

/** The local instance types with this install's prices, for anyone who may see endpoints. */
export function listLocalInstanceTypes({ caller }: { caller: Caller }): InstanceType[] {
  assertCan(caller, "endpoints.view");
  return localInstanceTypes();
}

/** What an endpoint costs per replica-hour and per hour at zero now (null when its type has no price on record). */
export async function getEndpointPrice({ caller, endpoint }: { caller: Caller; endpoint: EndpointRow }): Promise<CurrentPrice | null> {
  assertCan(caller, "endpoints.view");
  if (endpoint.organizationId !== caller.organizationId) return null;
  return currentPrice(priceKeyOf(endpoint));
}
