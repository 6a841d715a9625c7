import { localInstanceTypes, localStoragePrice } from "@/lib/costs/prices";
import { clusterInstanceLabel } from "@/lib/domain/instance-types";
import { PROVIDER_TRAITS, PROVIDERS, type ProviderName } from "@/lib/domain/providers";
import { hardwareLabel } from "@/lib/providers/huggingface/catalog";
import { assertCan, type Caller } from "./caller";
import { KUBERNETES_NOT_CONNECTED, kubernetesConnection } from "./kubernetes-connection";
import { CLUSTER_STORAGE_PRICE_PER_HOUR } from "./kubernetes-instance-types";
import { HF_STORAGE_PRICE_PER_HOUR, huggingFaceHardware } from "./huggingface";

interface Offer {
  options: Array<{ id: string; label: string; pricePerHour: number; storagePricePerHour: number; disabled?: boolean }>;
  note: string | null;
}

/** Each provider's instance types for this organization, with prices, or why there are none. */
const OFFERS: Record<ProviderName, (caller: Caller) => Promise<Offer>> = {
  local: async () => ({ options: localInstanceTypes().map((t) => ({ ...t, storagePricePerHour: localStoragePrice() })), note: null }),
  kubernetes: async (caller) => {
    const connection = await kubernetesConnection(caller.organizationId);
    if (!connection) return { options: [], note: KUBERNETES_NOT_CONNECTED };
    return { options: connection.instanceTypes.map((t) => ({ id: t.id, label: `${t.id} · ${clusterInstanceLabel(t)}`, pricePerHour: t.pricePerHour, storagePricePerHour: CLUSTER_STORAGE_PRICE_PER_HOUR })), note: null };
  },
  huggingface: async (caller) => {
    const offer = await huggingFaceHardware({ caller });
    if (!offer.connected) return { options: [], note: "Connect a Hugging Face account under Settings → Providers to choose its hardware." };
    if ("error" in offer) return { options: [], note: offer.error };
    const options = offer.hardware.map((h) => ({
      id: h.id,
      label: `${hardwareLabel(h)}${h.status === "available" ? "" : ` (${h.status.replace("_", " ")})`}`,
      pricePerHour: h.pricePerHour,
      storagePricePerHour: HF_STORAGE_PRICE_PER_HOUR,
      disabled: h.status === "not_available" || h.status === "deprecated",
    }));
    return { options, note: null };
  },
};

/** What New Inference offers, provider by provider. */
export async function providerOffers({ caller }: { caller: Caller }) {
  assertCan(caller, "endpoints.view");
  return Promise.all(PROVIDERS.map(async (name) => ({ name, ...PROVIDER_TRAITS[name], ...(await OFFERS[name](caller)) })));
}
