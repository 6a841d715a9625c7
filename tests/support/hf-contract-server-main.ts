/**
 * The contract server as a process, for the end-to-end tests' web servers:
 *   node --import tsx tests/support/hf-contract-server-main.ts PORT TOKEN USER
 */
import { startContractServer } from "./hf-contract-server";

const [port, token, user] = process.argv.slice(2);
const server = await startContractServer({ port: Number(port), token: token!, user: user! });
console.log(`contract server on ${server.hub}`);
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
