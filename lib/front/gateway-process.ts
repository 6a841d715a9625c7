/**
 * A gateway process: serves Ebb's public port beside its siblings (the kernel spreads the connections
 * among them), endpoint traffic through its own gateway and console requests passed on to the Ebb
 * process. It has its own event loop, so neither the console's rendering nor the controller's database
 * work ever holds a request up. Started by the Ebb process (lib/front/front.ts); it drains when told to,
 * and exits when its parent is gone.
 */
import http from "node:http";
import { CLIENT_IP_HEADER, clientAddress, PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";
import { env } from "@/lib/env";
import { Gateway } from "@/lib/gateway/gateway";
import { GatewaySide } from "@/lib/gateway/remote/gateway-side";
import type { ToGateway, ToPrimary } from "@/lib/gateway/remote/protocol";
import { mayReceiveToken } from "@/lib/providers/huggingface/token-destinations";
import { consoleProxy } from "./console-proxy";

const config = env();
const side = new GatewaySide((message: ToPrimary) => {
  if (process.connected) process.send!(message);
});
const gateway = new Gateway(side.deps((url) => mayReceiveToken(url, config.EBB_HF_ENDPOINT_DOMAINS)), { maxBodyBytes: config.EBB_QUOTA_BODY_BYTES });
const toConsole = consoleProxy(process.env.EBB_CONSOLE_SOCKET!);

const server = http.createServer((req, res) => {
  // Overwritten on every request, so a client cannot choose the address it is rate limited by.
  req.headers[CLIENT_IP_HEADER] = clientAddress(req.socket.remoteAddress ?? "unknown", req.headers["x-forwarded-for"], config.EBB_TRUST_PROXY);
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "unknown";
  if (Gateway.matches(req.url)) return void gateway.handle(req, res);
  toConsole(req, res);
});

let listening = false;
process.on("message", (message: ToGateway) => {
  side.receive(message);
  // Requests are taken once the ready replicas are known, never routed on an empty directory.
  if (!listening && message.t === "replicas") {
    listening = true;
    server.listen(config.PORT, config.HOST);
  }
});

process.send!({ t: "hello" } satisfies ToPrimary);

side.onDrain = () => {
  gateway.drain();
  server.close(() => {
    side.close();
    process.exit(0);
  });
  // A keep-alive connection is closed as soon as its last answer is sent.
  setInterval(() => server.closeIdleConnections(), 50);
};

// The Ebb process decides when to stop (a terminal's Ctrl-C reaches the whole process group).
process.on("SIGINT", () => {});
process.on("SIGTERM", () => {});
process.on("disconnect", () => process.exit(0));
