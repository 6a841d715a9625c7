/**
 * Headers on every console answer (pages, APIs, static files). The policy allows only the console's own
 * scripts, styles and connections; Next.js inlines its bootstrap scripts and styles, hence 'unsafe-inline'
 * (the dev server also evaluates code and opens a websocket). No page may be framed (clickjacking), no
 * body is sniffed as another type, and no full URL leaks to other sites in the Referer.
 */
export function consoleSecurityHeaders({ dev }: { dev: boolean }): Record<string, string> {
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "content-security-policy": policy,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
  };
}
