import crypto from "node:crypto";

/** API tokens look like "ebb_…"; only their SHA-256 is stored. */
export const API_TOKEN_PREFIX = "ebb_";

export function generateApiToken(): string {
  return `${API_TOKEN_PREFIX}${crypto.randomBytes(24).toString("base64url")}`;
}

export function hashApiToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
