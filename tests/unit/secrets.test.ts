import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { decrypt, encrypt } from "@/lib/crypto/secrets";

describe("secrets at rest", () => {
  const key = crypto.randomBytes(32);

  it("round-trips, with a new ciphertext each time that does not contain the secret", () => {
    const token = "hf_abcdefghijklmnopqrstuvwxyz";
    const a = encrypt(token, key);
    const b = encrypt(token, key);
    expect(a).not.toBe(b);
    expect(a).not.toContain(token);
    expect(a).not.toContain(Buffer.from(token).toString("base64"));
    expect(decrypt(a, key)).toBe(token);
  });

  it("refuses a tampered value or another key", () => {
    const sealed = encrypt("secret", key);
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decrypt([parts[0], parts[1], parts[2], flipped.toString("base64url")].join("."), key)).toThrow();
    expect(() => decrypt(sealed, crypto.randomBytes(32))).toThrow();
  });
});
