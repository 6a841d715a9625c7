import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseKubeconfig } from "@/lib/providers/kubernetes/kubeconfig";

/** A kubeconfig as `kubectl config view --minify --flatten --raw` prints it, with the user's fields given. */
function kubeconfig(user: string, { context = "prod", extraCluster = "" } = {}): string {
  return `apiVersion: v1
kind: Config
current-context: ${context}
clusters:
- name: prod-cluster
  cluster:
    server: https://k8s.example.com:6443
    certificate-authority-data: TFMwdExTMUNSVWRKVGlCRFJWSlVTVVpKUTBGVVJTMHRMUzB0Q2c9PQ==
${extraCluster}contexts:
- name: prod
  context:
    cluster: prod-cluster
    user: deployer
    namespace: inference
- name: staging
  context:
    cluster: prod-cluster
    user: nobody
users:
- name: deployer
  user:
${user}
`;
}

describe("a pasted kubeconfig", () => {
  it("gives the current context's server, CA, token and namespace", () => {
    expect(parseKubeconfig(kubeconfig("    token: eyJhbGciOiJSUzI1NiJ9.service-account"))).toEqual({
      server: "https://k8s.example.com:6443",
      token: "eyJhbGciOiJSUzI1NiJ9.service-account",
      caData: "TFMwdExTMUNSVWRKVGlCRFJWSlVTVVpKUTBGVVJTMHRMUzB0Q2c9PQ==",
      namespace: "inference",
    });
  });

  it("never reads a token file from this machine, however the kubeconfig names it", () => {
    const secret = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ebb-secret-")), "secret");
    fs.writeFileSync(secret, "the-console-secret-key");
    let said = "";
    try {
      parseKubeconfig(kubeconfig(`    token-file: ${secret}`));
    } catch (error) {
      said = (error as Error).message;
    }
    expect(said).toMatch(/reads its token from a file on your machine; Ebb needs a service account token/);
    expect(said).not.toContain("the-console-secret-key");
  });

  it.each([
    ["exec plugins", "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: sh\n      args: [-c, 'touch /tmp/owned']", /runs a command to get credentials/],
    ["login plugins", "    auth-provider:\n      name: oidc", /uses a login plugin/],
    ["client certificates", "    client-certificate-data: AAAA\n    client-key-data: BBBB", /uses a client certificate/],
    ["a user without a token", "    {}", /has no token: create one with kubectl create token/],
  ])("refuses %s, saying what to paste instead", (_, user, message) => {
    expect(() => parseKubeconfig(kubeconfig(user))).toThrow(message);
  });

  it("refuses a CA given as a file path, or TLS checks turned off", () => {
    const token = "    token: abcdefghijklmnopqrstuvwxyz";
    const withFile = kubeconfig(token).replace("certificate-authority-data: TFMw", "certificate-authority: /home/me/.kube/ca.crt\n    x: TFMw");
    expect(() => parseKubeconfig(withFile)).toThrow(/CA is a file on your machine: paste the output of kubectl config view --minify --flatten --raw/);
    const insecure = kubeconfig(token).replace("    certificate-authority-data:", "    insecure-skip-tls-verify: true\n    x:");
    expect(() => parseKubeconfig(insecure)).toThrow(/Ebb checks the API server's certificate/);
  });

  it("says which part of a broken kubeconfig is missing", () => {
    const token = "    token: abcdefghijklmnopqrstuvwxyz";
    expect(() => parseKubeconfig(kubeconfig(token, { context: "dev" }))).toThrow('current-context "dev" is not among its contexts');
    expect(() => parseKubeconfig(kubeconfig(token, { context: "staging" }))).toThrow('names a user "nobody" the kubeconfig does not have');
    expect(() => parseKubeconfig("clusters: [unclosed")).toThrow(/^This is not a kubeconfig \(YAML\)/);
    expect(() => parseKubeconfig("just some text")).toThrow(/expected clusters, contexts and users/);
  });
});
