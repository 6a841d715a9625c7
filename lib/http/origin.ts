import { env, type Env } from "@/lib/env";

interface HeaderSource {
  get(name: string): string | null;
}

/** A Host header value that is a host name or address with an optional port, and nothing else. */
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/**
 * The origin people reach this console on, for every endpoint URL shown or returned: `EBB_PUBLIC_URL`
 * when set; else the request's Host, or the first X-Forwarded-Host/Proto when Ebb is behind proxies it
 * trusts (`EBB_TRUST_PROXY`). A Host that is no host name falls back to localhost and the port.
 */
export function publicOrigin(headers: HeaderSource, config: Pick<Env, "EBB_PUBLIC_URL" | "EBB_TRUST_PROXY" | "PORT"> = env()): string {
  if (config.EBB_PUBLIC_URL) return config.EBB_PUBLIC_URL;
  const first = (name: string) => headers.get(name)?.split(",")[0]?.trim() || null;
  const forwarded = config.EBB_TRUST_PROXY > 0;
  const host = (forwarded && first("x-forwarded-host")) || headers.get("host");
  const proto = forwarded ? first("x-forwarded-proto") : null;
  const scheme = proto === "https" || proto === "http" ? proto : "http";
  return host && HOST.test(host) ? `${scheme}://${host.toLowerCase()}` : `http://localhost:${config.PORT}`;
}
