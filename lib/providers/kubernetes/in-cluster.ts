import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { env } from "@/lib/env";
import { isLoopback, type InClusterAccess } from "./workloads";

export interface InClusterOffer {
  access: InClusterAccess;
  namespace: string;
}

/**
 * The cluster Ebb runs in, when the operator offers it to organizations (EBB_KUBERNETES_IN_CLUSTER_NAMESPACE)
 * and this process runs in a pod: the API server from the variables the kubelet sets, the pod's service
 * account token and CA. null otherwise.
 */
export function inClusterOffer(): InClusterOffer | null {
  const { EBB_KUBERNETES_IN_CLUSTER_NAMESPACE: namespace, EBB_KUBERNETES_SERVICE_ACCOUNT_DIR: dir } = env();
  const host = process.env.KUBERNETES_SERVICE_HOST;
  const port = process.env.KUBERNETES_SERVICE_PORT;
  const tokenFile = path.join(dir, "token");
  if (!namespace || !host || !port || !fs.existsSync(tokenFile)) return null;
  const hostname = net.isIPv6(host) ? `[${host}]` : host;
  // In a pod the API server is https; http only where it is on this machine's loopback (a local proxy).
  const scheme = isLoopback(hostname) ? "http" : "https";
  return { namespace, access: { inCluster: true, server: `${scheme}://${hostname}:${port}`, tokenFile, caFile: path.join(dir, "ca.crt") } };
}
