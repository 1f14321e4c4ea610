import argon2 from 'argon2';

/**
 * argon2id with OWASP's first recommended configuration (Password Storage Cheat Sheet):
 * m = 19 MiB, t = 2, p = 1. About 25 ms on one core here; raise with the hardware.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * Verified against when the email is unknown, so an unknown email costs the same time as a
 * wrong password and the response time does not tell which accounts exist.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('no account has this password, it only burns the same time');
  return dummyHash;
}
