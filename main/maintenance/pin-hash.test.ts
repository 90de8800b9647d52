import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from './pin-hash';

const cheap = { log2N: 10, r: 8, p: 1 };

describe('staff PIN hashes', () => {
  it('verify the PIN they were made from and nothing else', async () => {
    const stored = await hashPin('246810', cheap);
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('246810');
    expect(await verifyPin('246810', stored)).toBe(true);
    expect(await verifyPin('246811', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  it('are salted: the same PIN hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPin('1234', cheap), hashPin('1234', cheap)]);
    expect(a).not.toBe(b);
    expect(await verifyPin('1234', a)).toBe(true);
    expect(await verifyPin('1234', b)).toBe(true);
  });

  it('use the slow default cost unless told otherwise', async () => {
    expect(await hashPin('1234')).toMatch(/^scrypt\$15\$8\$1\$/);
  });

  it('refuse hashes they did not write, or with costs out of bounds', async () => {
    const stored = await hashPin('1234', cheap);
    expect(await verifyPin('1234', stored.replace('scrypt', 'bcrypt'))).toBe(false);
    expect(await verifyPin('1234', stored.replace('$10$', '$4$'))).toBe(false);
    expect(await verifyPin('1234', 'scrypt$10$8$1$abc')).toBe(false);
  });
});
