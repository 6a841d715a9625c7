/**
 * The Kubernetes contract server as a process, for the end-to-end tests' web servers:
 *   node --import tsx tests/support/kube-contract-server-main.ts PORT TOKEN
 */
import { startKubeContractServer } from "./kube-contract-server";

const [port, token] = process.argv.slice(2);
const server = await startKubeContractServer({ port: Number(port), token: token! });
console.log(`kubernetes contract server on ${server.url}`);
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
