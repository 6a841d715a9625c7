import { hash, verify } from "@node-rs/argon2";

// argon2id with the OWASP-recommended minimum (19 MiB, 2 iterations, 1 lane).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/*
 * Verifying against this when the account does not exist makes a sign-in take as long for an
 * unknown email as for a wrong password, so timing does not reveal which accounts exist.
 */
let dummyHash: Promise<string> | undefined;
export function hashForUnknownAccount(): Promise<string> {
  dummyHash ??= hashPassword("ebb-no-such-account-placeholder");
  return dummyHash;
}
