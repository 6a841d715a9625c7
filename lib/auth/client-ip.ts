/**
 * The custom server (server.ts) writes the client's address into this header on every request,
 * replacing whatever the client sent, so code behind it can trust it for rate limiting.
 */
export const CLIENT_IP_HEADER = "x-ebb-client-ip";

export function clientIpFrom(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) ?? "unknown";
}
