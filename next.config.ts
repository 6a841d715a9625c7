import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Loaded from node_modules at run time rather than bundled: native code, WebAssembly, and one
  // database driver instance shared with the custom server.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  experimental: {
    // forbidden() and app/forbidden.tsx: a real 403 page for roles that may not see a page.
    authInterrupts: true,
  },
  poweredByHeader: false,
};

export default nextConfig;
