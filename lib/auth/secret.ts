import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Auth.js needs a secret to sign session cookies. Where AUTH_SECRET is not given, one is generated on
 * first start and kept in the data folder (readable by its owner only), so sessions survive restarts
 * without anything to configure.
 */
export function ensureAuthSecret(dataDir: string): void {
  if (process.env.AUTH_SECRET) return;
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  process.env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}
