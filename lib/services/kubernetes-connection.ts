import { z } from "zod";
import { decrypt, encrypt, secretKey } from "@/lib/crypto/secrets";
import { getDb } from "@/lib/db";
import { providerConnections } from "@/lib/db/schema";
import { parseOrThrow } from "@/lib/domain/validation";
import { dataDir } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { KubernetesWorkloads, kubeConfigFor, type KubernetesConnection } from "@/lib/providers/kubernetes/workloads";
import { assertCan, type Caller } from "./caller";
import { providerConnectionRow } from "./provider-connections";

const KUBERNETES = "kubernetes";

export const KUBERNETES_NOT_CONNECTED = "Connect a Kubernetes cluster under Settings → Providers first.";

const connectionSchema = z.object({
  server: z
    .string({ error: "Enter the API server's URL." })
    .trim()
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), "Enter the API server's URL, like https://k8s.example.com:6443."),
  token: z.string({ error: "Enter a service account token." }).trim().min(16, "Enter the service account's token (kubectl create token …).").max(10_000),
  namespace: z
    .string({ error: "Enter the namespace." })
    .trim()
    .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "Enter a namespace: lowercase letters, digits and -, at most 63."),
  caData: z.string().trim().max(20_000).optional(),
});

/**
 * Connects the organization's cluster: checked first by listing Ebb's Deployments in the namespace with
 * the token (a URL, token or namespace that does not work is a field error in the cluster's words), then
 * stored with the token encrypted.
 */
export async function saveKubernetesConnection({ caller, input }: { caller: Caller; input: unknown }): Promise<{ server: string; namespace: string; tokenLast4: string }> {
  assertCan(caller, "endpoints.manage");
  const { server, token, namespace, caData } = parseOrThrow(connectionSchema, input);
  const connection = { server, token, caData: caData || undefined };
  let workloads: KubernetesWorkloads;
  try {
    workloads = new KubernetesWorkloads(kubeConfigFor(connection), namespace, { attempts: 2 });
  } catch (error) {
    throw ValidationError.forField("server", error instanceof Error ? error.message : String(error));
  }
  const problem = await workloads.check();
  if (problem) throw ValidationError.forField(problem.field, problem.message);
  const row = {
    organizationId: caller.organizationId,
    provider: KUBERNETES,
    namespace,
    apiUrl: server,
    caData: caData || null,
    tokenEncrypted: encrypt(token, secretKey(dataDir())),
    tokenLast4: token.slice(-4),
    updatedAt: new Date(),
  };
  const db = await getDb();
  await db.insert(providerConnections).values(row).onConflictDoUpdate({ target: [providerConnections.organizationId, providerConnections.provider], set: row });
  return { server, namespace, tokenLast4: row.tokenLast4 };
}

/** What the console may show of the connection: never the token, only its last 4 characters. */
export async function getKubernetesConnection({ caller }: { caller: Caller }): Promise<{ server: string; namespace: string; tokenLast4: string } | null> {
  assertCan(caller, "endpoints.view");
  const row = await connectionRow(caller.organizationId);
  return row?.apiUrl ? { server: row.apiUrl, namespace: row.namespace, tokenLast4: row.tokenLast4 } : null;
}

const connectionRow = (organizationId: string) => providerConnectionRow(organizationId, KUBERNETES);

/** The organization's cluster, or null when none is connected: the token decrypted, for the provider only. */
export async function kubernetesConnection(organizationId: string): Promise<KubernetesConnection | null> {
  const row = await connectionRow(organizationId);
  if (!row?.apiUrl) return null;
  return { server: row.apiUrl, token: decrypt(row.tokenEncrypted, secretKey(dataDir())), namespace: row.namespace, caData: row.caData ?? undefined };
}
