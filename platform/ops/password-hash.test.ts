// scrypt password hashes: salted (two hashes of one password differ), verified in both directions, and a hash this
// code did not write (or with absurd parameters) never verifies.
import { expect, it } from 'vitest';
import { hashPassword, oneTimePassword, verifyPassword } from './password-hash';

const cheap = { log2N: 10, r: 8, p: 1 };

it('salts, verifies the right password and refuses a wrong one', async () => {
  const one = await hashPassword('correct horse 电池', cheap);
  const two = await hashPassword('correct horse 电池', cheap);
  expect(one).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  expect(one).not.toBe(two);
  expect(await verifyPassword('correct horse 电池', one)).toBe(true);
  expect(await verifyPassword('correct horse 电池 ', one)).toBe(false);
  expect(await verifyPassword('', one)).toBe(false);
});

it('refuses hashes it did not write', async () => {
  const hash = await hashPassword('pw', cheap);
  expect(await verifyPassword('pw', hash.replace('scrypt$10', 'scrypt$30'))).toBe(false);
  expect(await verifyPassword('pw', 'pw')).toBe(false);
  expect(await verifyPassword('pw', `${hash.slice(0, -2)}AA`)).toBe(false);
});

it('makes one-time passwords of 20 unambiguous characters', () => {
  const seen = new Set(Array.from({ length: 50 }, oneTimePassword));
  expect(seen.size).toBe(50);
  for (const p of seen) expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
});
