// Ops passwords as salted scrypt hashes (node:crypto): `scrypt$<log2 N>$<r>$<p>$<salt b64url>$<hash b64url>`. The
// parameters travel with the hash, so raising the cost later leaves old hashes verifiable.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  log2N: number;
  r: number;
  p: number;
}

/** N = 2^15, r = 8: 32 MiB and some tens of milliseconds per check, a slow guess for an attacker with the table. */
export const defaultCost: ScryptCost = { log2N: 15, r: 8, p: 1 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.log2N;
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128·N·r bytes, or scrypt refuses the parameters.
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, cost: ScryptCost = defaultCost): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** False for a wrong password and for a hash this code did not write. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [log2N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![log2N, r, p].every(Number.isInteger) || log2N < 10 || log2N > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const expected = Buffer.from(parts[5] as string, 'base64url');
  const key = await derive(password, Buffer.from(parts[4] as string, 'base64url'), { log2N, r, p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A password to hand out once (first admin, reset): 20 characters from an alphabet without look-alikes. */
export function oneTimePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  // 256 is not a multiple of the alphabet's 56 letters: bytes ≥ 224 are dropped so every letter is equally likely.
  let out = '';
  while (out.length < 20) {
    for (const byte of randomBytes(32)) if (byte < 224 && out.length < 20) out += alphabet[byte % alphabet.length];
  }
  return out;
}
