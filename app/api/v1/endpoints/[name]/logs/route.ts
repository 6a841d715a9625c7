import { countParam } from "@/lib/api/count-param";
import { endpointRoute } from "@/lib/api/routes";
import { getReplicaLogs } from "@/lib/services/replica-logs";

/** The last lines each of the endpoint's recent replicas wrote to stdout and stderr, newest replica first. */
export const GET = endpointRoute(async ({ request, caller, name }) => Response.json({ replicas: await getReplicaLogs({ caller, name, lines: countParam(request, "lines", 100) }) }));
