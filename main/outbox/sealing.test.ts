import { describe, expect, it } from 'vitest';
import { SEAL_OVERHEAD, newKey, seal, unseal } from './sealing';

describe('seal / unseal', () => {
  const key = newKey();
  const text = Buffer.from('张三 110101199003077777', 'utf8');

  it('round-trips and hides the plaintext', () => {
    const sealed = seal(key, text, 'row-1');
    expect(sealed.length).toBe(text.length + SEAL_OVERHEAD);
    expect(sealed.includes(text)).toBe(false);
    expect(unseal(key, sealed, 'row-1')).toEqual(text);
  });

  it('uses a fresh IV each time', () => {
    expect(seal(key, text, 'a').equals(seal(key, text, 'a'))).toBe(false);
  });

  it('refuses another key, another place, a flipped bit and a truncated value', () => {
    const sealed = seal(key, text, 'row-1');
    expect(unseal(newKey(), sealed, 'row-1')).toBeUndefined();
    expect(unseal(key, sealed, 'row-2')).toBeUndefined();
    const flipped = Buffer.from(sealed);
    flipped[20] = flipped[20]! ^ 1;
    expect(unseal(key, flipped, 'row-1')).toBeUndefined();
    expect(unseal(key, sealed.subarray(0, sealed.length - 1), 'row-1')).toBeUndefined();
    expect(unseal(key, Buffer.alloc(3), 'row-1')).toBeUndefined();
  });
});
