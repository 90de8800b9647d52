// Staff PINs as salted scrypt hashes (node:crypto): `scrypt$<log2 N>$<r>$<p>$<salt b64url>$<hash b64url>`, the
// platform's format for ops passwords (platform/ops/password-hash.ts; main/ may not import platform/, hence this
// small twin). A PIN has few digits, so the cost per guess is what protects a copied config: N = 2^15 makes each
// guess ~32 MiB and tens of milliseconds; the lockout (entry-lockout.ts) is what protects the screen.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  log2N: number;
  r: number;
  p: number;
}

export const defaultPinCost: ScryptCost = { log2N: 15, r: 8, p: 1 };

function derive(pin: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.log2N;
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128·N·r bytes, or scrypt refuses the parameters.
    scrypt(pin, salt, 32, { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPin(pin: string, cost: ScryptCost = defaultPinCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, cost);
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** False for a wrong PIN and for a hash this code did not write (or with parameters out of sane bounds). */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [log2N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![log2N, r, p].every(Number.isInteger) || log2N < 10 || log2N > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const expected = Buffer.from(parts[5] as string, 'base64url');
  const key = await derive(pin, Buffer.from(parts[4] as string, 'base64url'), { log2N, r, p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
