import yaml from "js-yaml";

/** What Ebb takes from a pasted kubeconfig: its current context's server, CA, token and namespace. */
export interface KubeconfigConnection {
  server: string;
  token: string;
  caData?: string;
  namespace?: string;
}

const FLATTEN = "kubectl config view --minify --flatten --raw";

/**
 * Reads a kubeconfig pasted into the console, as data only. The client library's own loader is not used:
 * it reads `token-file` from this machine's disk and runs `exec` plugins, which would let a pasted file
 * read Ebb's secrets or run commands here. Only a bearer token and inline CA data are accepted; anything
 * else is refused with what to paste instead. Throws an Error whose message is for the person pasting.
 */
export function parseKubeconfig(text: string): KubeconfigConnection {
  let document: unknown;
  try {
    document = yaml.load(text, { schema: yaml.JSON_SCHEMA });
  } catch (error) {
    throw new Error(`This is not a kubeconfig (YAML): ${error instanceof yaml.YAMLException ? error.reason : String(error)}.`);
  }
  const config = record(document);
  const contexts = named(config.contexts, "context");
  const currentName = typeof config["current-context"] === "string" ? config["current-context"] : contexts.length === 1 ? contexts[0]!.name : null;
  if (!currentName) throw new Error("The kubeconfig has no current-context: set one, or paste the output of " + FLATTEN + ".");
  const context = contexts.find((c) => c.name === currentName)?.value;
  if (!context) throw new Error(`The kubeconfig's current-context "${currentName}" is not among its contexts.`);
  const cluster = named(config.clusters, "cluster").find((c) => c.name === context.cluster)?.value;
  if (!cluster) throw new Error(`The context "${currentName}" names a cluster "${String(context.cluster)}" the kubeconfig does not have.`);
  const user = named(config.users, "user").find((u) => u.name === context.user)?.value;
  if (!user) throw new Error(`The context "${currentName}" names a user "${String(context.user)}" the kubeconfig does not have.`);

  if (typeof cluster.server !== "string") throw new Error("The kubeconfig's cluster has no server URL.");
  if (cluster["certificate-authority"]) throw new Error(`The cluster's CA is a file on your machine: paste the output of ${FLATTEN} instead, which puts it inline.`);
  if (cluster["insecure-skip-tls-verify"] === true) throw new Error("Ebb checks the API server's certificate: give the cluster's certificate-authority-data instead of insecure-skip-tls-verify.");
  for (const [key, why] of [
    ["exec", "runs a command to get credentials"],
    ["auth-provider", "uses a login plugin"],
    ["token-file", "reads its token from a file on your machine"],
    ["client-certificate", "uses a client certificate"],
    ["client-certificate-data", "uses a client certificate"],
    ["username", "uses a password"],
  ] as const) {
    if (user[key]) throw new Error(`The kubeconfig's user ${why}; Ebb needs a service account token: kubectl create token NAME -n NAMESPACE, and paste it as the user's token.`);
  }
  if (typeof user.token !== "string" || !user.token) throw new Error("The kubeconfig's user has no token: create one with kubectl create token NAME -n NAMESPACE.");
  return {
    server: cluster.server,
    token: user.token,
    caData: typeof cluster["certificate-authority-data"] === "string" ? cluster["certificate-authority-data"] : undefined,
    namespace: typeof context.namespace === "string" ? context.namespace : undefined,
  };
}

function record(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("This is not a kubeconfig: expected clusters, contexts and users.");
  return value as Record<string, unknown>;
}

/** A kubeconfig list (`- name: x\n  cluster: {...}`) as name and inner object. */
function named(list: unknown, key: string): { name: string; value: Record<string, unknown> }[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    const item = entry && typeof entry === "object" ? (entry as Record<string, unknown>) : {};
    const value = item[key];
    return typeof item.name === "string" && value && typeof value === "object" ? [{ name: item.name, value: value as Record<string, unknown> }] : [];
  });
}
