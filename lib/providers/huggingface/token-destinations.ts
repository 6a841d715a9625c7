/**
 * Whether the organization's Hugging Face token may go with a request to `url`. Entries are domains
 * ("endpoints.huggingface.cloud": https only, the domain or any host under it) or an origin with its
 * scheme for a server of the operator's ("http://127.0.0.1": that scheme and host, any port). An
 * endpoint URL pointing anywhere else gets no token, whatever put it there.
 */
export function mayReceiveToken(url: string, destinations: string[]): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  const host = target.hostname.toLowerCase();
  return destinations.some((entry) => {
    if (entry.includes("://")) {
      try {
        const allowed = new URL(entry);
        return allowed.protocol === target.protocol && allowed.hostname.toLowerCase() === host;
      } catch {
        return false;
      }
    }
    const domain = entry.toLowerCase().replace(/^\.+/, "");
    return target.protocol === "https:" && (host === domain || host.endsWith(`.${domain}`));
  });
}
