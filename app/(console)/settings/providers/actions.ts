"use server";

import { instanceTypeRows } from "@/lib/domain/instance-types";
import { ValidationError } from "@/lib/errors";
import { formAction } from "@/lib/forms/action";
import { adoptHuggingFaceEndpoints } from "@/lib/services/huggingface";
import { deleteKubernetesConnection, saveKubernetesConnection } from "@/lib/services/kubernetes-connection";
import { saveKubernetesInstanceTypes } from "@/lib/services/kubernetes-instance-types";
import { deleteHuggingFaceConnection, saveHuggingFaceConnection, testHuggingFaceConnection } from "@/lib/services/provider-connections";

// The token (and a kubeconfig, which holds one) is never sent back, not even to refill the form.
export const saveKubernetesAction = formAction(
  async (caller, formData) => {
    const source = formData.get("source");
    const namespace = formData.get("namespace");
    const input =
      source === "in-cluster"
        ? { source }
        : source === "kubeconfig"
          ? { source, kubeconfig: formData.get("kubeconfig") ?? "", namespace: namespace || undefined }
          : { server: formData.get("server"), token: formData.get("token"), namespace, caData: formData.get("caData") || undefined };
    const saved = await saveKubernetesConnection({ caller, input });
    return { message: `Connected: Ebb's endpoints on Kubernetes go to the ${saved.namespace} namespace.`, revalidate: ["/settings/providers"] };
  },
  { omit: ["token", "kubeconfig"] },
);

/** The editor's rows, `types.N.FIELD`, in order: an error on one comes back under the same name. */
export const saveKubernetesInstanceTypesAction = formAction(async (caller, formData) => {
  await saveKubernetesInstanceTypes({ caller, input: { types: instanceTypeRows(formData.entries()) } });
  return { message: "Instance types saved: new prices count from now on.", revalidate: ["/settings/providers"] };
});

export const deleteKubernetesAction = formAction(async (caller) => {
  await deleteKubernetesConnection({ caller });
  return { message: "Cluster disconnected.", revalidate: ["/settings/providers"] };
});

export const saveConnectionAction = formAction(
  async (caller, formData) => {
    await saveHuggingFaceConnection({ caller, input: { token: formData.get("token"), namespace: formData.get("namespace") } });
    return { message: "Connection saved.", revalidate: ["/settings/providers"] };
  },
  { omit: ["token"] },
);

export const testConnectionAction = formAction(async (caller) => {
  const result = await testHuggingFaceConnection({ caller });
  if (!result.ok) throw new ValidationError({}, `Hugging Face said: ${result.message}`);
  return { message: `Connected as ${result.name}; endpoints go to the ${result.namespace} namespace.` };
}, { onError: oneLine });

export const deleteConnectionAction = formAction(async (caller) => {
  await deleteHuggingFaceConnection({ caller });
  return { message: "Connection removed.", revalidate: ["/settings/providers"] };
});

export const importEndpointsAction = formAction(
  async (caller) => {
    const { adopted, skipped } = await adoptHuggingFaceEndpoints({ caller });
    const parts = [adopted.length ? `Imported ${adopted.join(", ")}.` : "No new endpoints to import."];
    for (const s of skipped) parts.push(`Skipped ${s.name}: ${s.reason}`);
    return { message: parts.join(" "), revalidate: ["/endpoints"] };
  },
  { onError: oneLine },
);

/** No connection, or the provider's own refusal: one line under the button. */
function oneLine(error: unknown) {
  return error instanceof ValidationError ? { status: "error" as const, message: error.message } : undefined;
}
