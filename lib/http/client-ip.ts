/**
 * The custom server (server.ts) writes the client's address into this header on every request,
 * replacing whatever the client sent, so code behind it can trust it for rate limiting.
 */
export const CLIENT_IP_HEADER = "x-ebb-client-ip";

/**
 * The address the connection came from, as a gateway process saw it, for the console behind it (which
 * sees only its private socket). Written on every request by the gateway process, never a client.
 */
export const PEER_ADDRESS_HEADER = "x-ebb-peer-address";

export function clientIpFrom(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) ?? "unknown";
}

/**
 * The client's address behind `trustedHops` proxies of the operator's. Each proxy appends the address it
 * received from to X-Forwarded-For, so only the rightmost `trustedHops` entries were written by someone
 * trusted: the address is read from the right, never the client-chosen left end. With fewer entries
 * than hops, the leftmost one is the best there is.
 */
export function clientAddress(socketAddress: string, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  if (trustedHops <= 0) return socketAddress;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [...header.split(",").map((a) => a.trim()).filter(Boolean), socketAddress];
  return chain[Math.max(0, chain.length - 1 - trustedHops)]!;
}
