import { lifecycleRoute } from "@/lib/api/routes";
import { resumeEndpoint } from "@/lib/services/endpoints";

export const POST = lifecycleRoute(resumeEndpoint);
