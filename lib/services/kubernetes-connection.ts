import { ApiException } from "@kubernetes/client-node";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { decrypt, encrypt, secretKey } from "@/lib/crypto/secrets";
import { getDb } from "@/lib/db";
import { endpoints, providerConnections } from "@/lib/db/schema";
import { parseOrThrow } from "@/lib/domain/validation";
import { dataDir } from "@/lib/env";
import { AppError, ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { inClusterOffer } from "@/lib/providers/kubernetes/in-cluster";
import { parseKubeconfig } from "@/lib/providers/kubernetes/kubeconfig";
import { workloadName } from "@/lib/providers/kubernetes/provider";
import { KubernetesWorkloads, kubeConfigFor, statusMessage, type ClusterAccess, type KubernetesConnection, type PodLog } from "@/lib/providers/kubernetes/workloads";
import { DEFAULT_CLUSTER_INSTANCE_TYPES, type ClusterInstanceType } from "@/lib/domain/instance-types";
import { assertCan, type Caller } from "./caller";
import { recordClusterPrices } from "./kubernetes-instance-types";
import { providerConnectionRow } from "./provider-connections";

const KUBERNETES = "kubernetes";

export const KUBERNETES_NOT_CONNECTED = "Connect a Kubernetes cluster under Settings → Providers first.";

const namespaceSchema = z
  .string({ error: "Enter the namespace." })
  .trim()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "Enter a namespace: lowercase letters, digits and -, at most 63.");

const connectionSchema = z.object({
  server: z
    .string({ error: "Enter the API server's URL." })
    .trim()
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), "Enter the API server's URL, like https://k8s.example.com:6443."),
  token: z.string({ error: "Enter a service account token." }).trim().min(16, "Enter the service account's token (kubectl create token …).").max(10_000),
  namespace: namespaceSchema,
  caData: z.string().trim().max(20_000).optional(),
});

const kubeconfigSchema = z.object({
  kubeconfig: z.string().max(100_000, "A kubeconfig is at most 100 kB: paste the output of kubectl config view --minify --flatten --raw."),
  namespace: namespaceSchema.optional(),
});

/** What the console may show of the connection: never the token, only its last 4 characters. */
export interface KubernetesConnectionView {
  server: string;
  namespace: string;
  tokenLast4: string | null;
  inCluster: boolean;
  instanceTypes: ClusterInstanceType[];
}

/** What the provider works with: the cluster, and the resources of the organization's instance types. */
export type OrganizationCluster = KubernetesConnection & { instanceTypes: ClusterInstanceType[] };

/**
 * Connects the organization's cluster, given as an API server URL and token, as a pasted kubeconfig, or
 * as the cluster Ebb runs in where the operator offers it. Checked first by listing Ebb's Deployments in
 * the namespace (a URL, token or namespace that does not work is a field error in the cluster's words),
 * then stored with the token encrypted.
 */
export async function saveKubernetesConnection({ caller, input }: { caller: Caller; input: unknown }): Promise<KubernetesConnectionView> {
  assertCan(caller, "endpoints.manage");
  const fields = input && typeof input === "object" ? (input as Record<string, unknown>) : {};
  if (fields.source === "in-cluster") return connectInCluster(caller);
  const fromKubeconfig = fields.source === "kubeconfig" || (typeof fields.kubeconfig === "string" && fields.kubeconfig.trim() !== "");
  const { server, token, namespace, caData } = fromKubeconfig ? kubeconfigFields(fields) : parseOrThrow(connectionSchema, input);
  const access = { server, token, caData: caData || undefined };
  await refuseMovingEndpoints(caller.organizationId, { server, namespace, inCluster: false }, fromKubeconfig);
  // From a kubeconfig, what is wrong with its server or token is wrong with the kubeconfig.
  await checkOrThrow(access, namespace, fromKubeconfig ? (field) => (field === "namespace" ? field : "kubeconfig") : (field) => field);
  await store(caller.organizationId, { namespace, apiUrl: server, caData: caData || null, tokenEncrypted: encrypt(token, secretKey(dataDir())), tokenLast4: token.slice(-4), inCluster: false });
  return (await getKubernetesConnection({ caller }))!;
}

/** Server, token, CA and namespace from a pasted kubeconfig's current context; the namespace field wins. */
function kubeconfigFields(fields: Record<string, unknown>) {
  const { kubeconfig, namespace } = parseOrThrow(kubeconfigSchema, { kubeconfig: fields.kubeconfig ?? "", namespace: fields.namespace || undefined });
  if (!kubeconfig.trim()) throw ValidationError.forField("kubeconfig", "Paste a kubeconfig: kubectl config view --minify --flatten --raw prints the current context's.");
  let parsed;
  try {
    parsed = parseKubeconfig(kubeconfig);
  } catch (error) {
    throw ValidationError.forField("kubeconfig", error instanceof Error ? error.message : String(error));
  }
  try {
    return parseOrThrow(connectionSchema, { ...parsed, namespace: namespace ?? parsed.namespace });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const { namespace: namespaceErrors, ...rest } = error.fieldErrors;
    const messages = Object.values(rest).flat().map((m) => `In the kubeconfig: ${m}`);
    throw new ValidationError({ ...(namespaceErrors ? { namespace: namespaceErrors } : {}), ...(messages.length ? { kubeconfig: messages } : {}) });
  }
}

async function connectInCluster(caller: Caller): Promise<KubernetesConnectionView> {
  const offer = inClusterOffer();
  if (!offer) throw ValidationError.forField("source", "This Ebb does not offer the cluster it runs in: connect a cluster of your own.");
  await refuseMovingEndpoints(caller.organizationId, { server: null, namespace: offer.namespace, inCluster: true }, false);
  await checkOrThrow(offer.access, offer.namespace, () => "source");
  await store(caller.organizationId, { namespace: offer.namespace, apiUrl: null, caData: null, tokenEncrypted: "", tokenLast4: "", inCluster: true });
  return (await getKubernetesConnection({ caller }))!;
}

/**
 * While endpoints run on the connected cluster, only its credentials may change (a rotated token, a new
 * CA): another cluster or namespace would leave their Deployments running where Ebb no longer looks.
 */
async function refuseMovingEndpoints(organizationId: string, next: { server: string | null; namespace: string; inCluster: boolean }, fromKubeconfig: boolean): Promise<void> {
  const row = await connectionRow(organizationId);
  if (!row) return;
  const moved = row.inCluster !== next.inCluster ? "source" : row.apiUrl !== next.server ? "server" : row.namespace !== next.namespace ? "namespace" : null;
  if (!moved) return;
  const running = await endpointsOnCluster(organizationId);
  if (running.length === 0) return;
  const field = fromKubeconfig && moved === "server" ? "kubeconfig" : moved;
  throw ValidationError.forField(field, `Endpoints run on the connected cluster (${running.join(", ")}): delete them before moving to another cluster or namespace. A new token or CA for the same one is fine.`);
}

async function endpointsOnCluster(organizationId: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .select({ name: endpoints.name })
    .from(endpoints)
    .where(and(eq(endpoints.organizationId, organizationId), eq(endpoints.provider, KUBERNETES), isNull(endpoints.deletedAt)));
  return rows.map((r) => r.name);
}

/** Lists Ebb's Deployments in the namespace with these credentials; a failure is a field error in the cluster's words. */
async function checkOrThrow(access: ClusterAccess, namespace: string, fieldFor: (field: "server" | "token" | "namespace") => string): Promise<void> {
  let workloads: KubernetesWorkloads;
  try {
    workloads = new KubernetesWorkloads(kubeConfigFor(access), namespace, { attempts: 2 });
  } catch (error) {
    throw ValidationError.forField(fieldFor("server"), error instanceof Error ? error.message : String(error));
  }
  const problem = await workloads.check();
  if (problem) throw ValidationError.forField(fieldFor(problem.field), problem.message);
}

async function store(organizationId: string, fields: Pick<typeof providerConnections.$inferInsert, "namespace" | "apiUrl" | "caData" | "tokenEncrypted" | "tokenLast4" | "inCluster">): Promise<void> {
  const row = { organizationId, provider: KUBERNETES, ...fields, updatedAt: new Date() };
  const db = await getDb();
  // The instance types stay as they were: a new token does not reset them.
  const [stored] = await db
    .insert(providerConnections)
    .values(row)
    .onConflictDoUpdate({ target: [providerConnections.organizationId, providerConnections.provider], set: row })
    .returning({ instanceTypes: providerConnections.instanceTypes });
  await recordClusterPrices(organizationId, stored?.instanceTypes ?? DEFAULT_CLUSTER_INSTANCE_TYPES);
}

export async function getKubernetesConnection({ caller }: { caller: Caller }): Promise<KubernetesConnectionView | null> {
  assertCan(caller, "endpoints.view");
  const row = await connectionRow(caller.organizationId);
  if (!row || (!row.inCluster && !row.apiUrl)) return null;
  const instanceTypes = row.instanceTypes ?? DEFAULT_CLUSTER_INSTANCE_TYPES;
  if (row.inCluster) {
    const offer = inClusterOffer();
    return { server: offer?.access.server ?? "the cluster Ebb runs in (no longer offered)", namespace: offer?.namespace ?? row.namespace, tokenLast4: null, inCluster: true, instanceTypes };
  }
  return { server: row.apiUrl!, namespace: row.namespace, tokenLast4: row.tokenLast4, inCluster: false, instanceTypes };
}

/** Whether the operator offers the cluster Ebb runs in, and in which namespace: for the settings page. */
export function kubernetesInClusterNamespace(): string | null {
  return inClusterOffer()?.namespace ?? null;
}

/**
 * Forgets the organization's cluster. Refused while endpoints run there: their Deployments would go on
 * running, and costing, with nothing left in Ebb able to scale or remove them.
 */
export async function deleteKubernetesConnection({ caller }: { caller: Caller }): Promise<void> {
  assertCan(caller, "endpoints.manage");
  if (!(await connectionRow(caller.organizationId))) throw new NotFoundError("No Kubernetes cluster is connected.");
  const onCluster = await endpointsOnCluster(caller.organizationId);
  if (onCluster.length > 0) {
    throw new ConflictError(`Delete the endpoints on this cluster first (${onCluster.join(", ")}): removing the connection would leave their Deployments running there.`);
  }
  const db = await getDb();
  await db.delete(providerConnections).where(and(eq(providerConnections.organizationId, caller.organizationId), eq(providerConnections.provider, KUBERNETES)));
}

const connectionRow = (organizationId: string) => providerConnectionRow(organizationId, KUBERNETES);

/** The organization's cluster, or null when none is connected: the token decrypted, for the provider only. */
export async function kubernetesConnection(organizationId: string): Promise<OrganizationCluster | null> {
  const row = await connectionRow(organizationId);
  if (!row) return null;
  const instanceTypes = row.instanceTypes ?? DEFAULT_CLUSTER_INSTANCE_TYPES;
  if (row.inCluster) {
    // Offered no more (the operator unset it, or Ebb left the cluster): as good as not connected.
    const offer = inClusterOffer();
    return offer ? { ...offer.access, namespace: offer.namespace, instanceTypes } : null;
  }
  if (!row.apiUrl) return null;
  return { server: row.apiUrl, token: decrypt(row.tokenEncrypted, secretKey(dataDir())), namespace: row.namespace, caData: row.caData ?? undefined, instanceTypes };
}

/**
 * An endpoint's pods with what their containers wrote, read from its organization's cluster when asked
 * (Ebb keeps no copy). A cluster that cannot be reached is a 502 in its own words.
 */
export async function kubernetesPodLogs(endpoint: { id: string; organizationId: string }, lines: number): Promise<PodLog[]> {
  const connection = await kubernetesConnection(endpoint.organizationId);
  if (!connection) return [];
  try {
    return await new KubernetesWorkloads(kubeConfigFor(connection), connection.namespace, { attempts: 4 }).podLogs(workloadName(endpoint.id), lines);
  } catch (error) {
    const said = error instanceof ApiException ? statusMessage(error) : error instanceof Error ? error.message : String(error);
    throw new AppError("provider_error", 502, `The cluster did not give the pods' logs: ${said}`, { cause: error });
  }
}
