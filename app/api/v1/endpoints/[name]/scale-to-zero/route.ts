import { lifecycleRoute } from "@/lib/api/routes";
import { scaleEndpointToZero } from "@/lib/services/endpoints";

export const POST = lifecycleRoute(scaleEndpointToZero);
