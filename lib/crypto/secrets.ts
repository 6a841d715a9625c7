import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Encryption of provider tokens at rest: AES-256-GCM with a key from EBB_SECRET_KEY, or one generated
 * once into the data folder (readable by its owner only). Each value has its own random IV; the
 * authentication tag makes a tampered value fail to decrypt rather than decrypt to garbage.
 */

const KEY = Symbol.for("ebb.secret-key");
type WithKey = typeof globalThis & { [KEY]?: Buffer };

export function secretKey(dataDir: string, configured = process.env.EBB_SECRET_KEY): Buffer {
  const holder = globalThis as WithKey;
  if (holder[KEY]) return holder[KEY];
  let material = configured;
  if (!material) {
    const file = path.join(dataDir, "secret-key");
    if (!fs.existsSync(file)) {
      fs.mkdirSync(dataDir, { recursive: true });
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
    }
    material = fs.readFileSync(file, "utf8").trim();
  }
  // Any passphrase becomes a 32-byte key; a base64 key of 32 bytes is used as it is.
  const decoded = Buffer.from(material, "base64");
  holder[KEY] = decoded.length === 32 ? decoded : crypto.createHash("sha256").update(material).digest();
  return holder[KEY];
}

/** "v1.iv.tag.ciphertext", each part base64url. */
export function encrypt(plaintext: string, key: Buffer): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export function decrypt(sealed: string, key: Buffer): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || ciphertext === undefined) throw new Error("not an encrypted value of this version");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
