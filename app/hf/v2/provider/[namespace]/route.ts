import { listLocalInstanceTypes } from "@/lib/services/prices";
import { organizationQuotas } from "@/lib/services/quotas";
import { hfHardware } from "@/lib/hf/endpoint-json";
import { hfRoute } from "@/lib/hf/routes";
import { listEndpoints } from "@/lib/services/endpoints";
import { huggingFaceHardware } from "@/lib/services/huggingface";

/** The hardware listing: the local instance types with their prices and the quota in use, and Hugging Face's when connected. */
export const GET = hfRoute(async ({ caller }) => {
  const used = (await listEndpoints({ caller })).reduce((n, e) => n + e.targetReplicas, 0);
  const offer = await huggingFaceHardware({ caller });
  const huggingFace = offer.connected && "hardware" in offer ? offer.hardware : [];
  return Response.json(hfHardware(used, organizationQuotas().replicas, listLocalInstanceTypes({ caller }), huggingFace));
});
