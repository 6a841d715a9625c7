import { lifecycleRoute } from "@/lib/api/routes";
import { pauseEndpoint } from "@/lib/services/endpoints";

export const POST = lifecycleRoute(pauseEndpoint);
