import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requireCaller } from "@/lib/auth";
import { can } from "@/lib/domain/roles";
import { getHuggingFaceConnection } from "@/lib/services/provider-connections";
import { getKubernetesConnection, kubernetesInClusterNamespace } from "@/lib/services/kubernetes-connection";
import { InstanceTypesForm } from "./instance-types-form";
import { ConnectionForm, DisconnectCluster, ImportEndpoints, KubernetesForm, RemoveConnection, TestConnection } from "./client";

export const metadata: Metadata = { title: "Providers" };

export default async function ProvidersPage() {
  const caller = await requireCaller();
  if (!can(caller.role, "endpoints.manage")) forbidden();
  const connection = await getHuggingFaceConnection({ caller });
  const cluster = await getKubernetesConnection({ caller });
  return (
    <div className="space-y-6">
      <section aria-labelledby="hf-heading" className="space-y-5 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <div>
          <h2 id="hf-heading" className="text-base font-semibold">
            Hugging Face Inference Endpoints
          </h2>
          {connection ? (
            <p className="mt-1 text-sm text-slate-600" data-testid="hf-connection">
              Connected to namespace <strong>{connection.namespace}</strong> with the token ending in <code>…{connection.tokenLast4}</code>.
            </p>
          ) : (
            <p className="mt-1 text-sm text-slate-600">Not connected. Endpoints run on the local provider until you add a token.</p>
          )}
        </div>
        <ConnectionForm namespace={connection?.namespace ?? null} />
        {connection ? (
          <div className="flex flex-wrap items-start justify-between gap-4 border-t border-slate-200 pt-4">
            <TestConnection />
            <ImportEndpoints />
            <RemoveConnection />
          </div>
        ) : null}
      </section>
      <section aria-labelledby="k8s-heading" className="space-y-5 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <div>
          <h2 id="k8s-heading" className="text-base font-semibold">
            Kubernetes
          </h2>
          {cluster ? (
            <p className="mt-1 text-sm text-slate-600" data-testid="k8s-connection">
              {cluster.inCluster ? (
                <>
                  Connected to the cluster Ebb runs in (<code>{cluster.server}</code>), namespace <strong>{cluster.namespace}</strong>, with Ebb&apos;s own service account.
                </>
              ) : (
                <>
                  Connected to <code>{cluster.server}</code>, namespace <strong>{cluster.namespace}</strong>, with the token ending in <code>…{cluster.tokenLast4}</code>.
                </>
              )}
            </p>
          ) : (
            <p className="mt-1 text-sm text-slate-600">
              Not connected. Connect a cluster to run endpoints there: each becomes a Deployment and a Service, sized by Ebb&apos;s autoscaler and reached through the API server.
            </p>
          )}
        </div>
        <KubernetesForm server={cluster && !cluster.inCluster ? cluster.server : null} namespace={cluster?.namespace ?? null} inClusterNamespace={kubernetesInClusterNamespace()} />
        {cluster ? (
          <>
            <div className="border-t border-slate-200 pt-4">
              {/* Remounted when saved, so the rows are what is stored. */}
              <InstanceTypesForm key={JSON.stringify(cluster.instanceTypes)} types={cluster.instanceTypes} />
            </div>
            <div className="border-t border-slate-200 pt-4">
              <DisconnectCluster />
            </div>
          </>
        ) : null}
      </section>
    </div>
  );
}
