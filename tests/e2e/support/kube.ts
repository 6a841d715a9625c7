/** The contract server the end-to-end tests run in place of a Kubernetes cluster (playwright.config.ts starts it). */
const KUBE_PORT = Number(process.env.E2E_KUBE_PORT ?? 3198);

export const E2E_KUBE = { port: KUBE_PORT, url: `http://127.0.0.1:${KUBE_PORT}`, token: "e2e-service-account-token-0001" };
