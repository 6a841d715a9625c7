import { endpointRoute } from "@/lib/api/routes";
import { getReplicas } from "@/lib/services/replica-logs";

/** The endpoint's recent replicas, newest first, with what each uses now (CPU cores, resident memory). */
export const GET = endpointRoute(async ({ caller, name }) => Response.json({ replicas: await getReplicas({ caller, name }) }));
