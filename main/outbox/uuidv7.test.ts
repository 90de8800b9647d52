import { describe, expect, it } from 'vitest';
import { UuidV7Generator, isUuidV7, uuidV7Time } from './uuidv7';

describe('UuidV7Generator', () => {
  it('makes RFC 9562 version 7 ids carrying the clock time', () => {
    const id = new UuidV7Generator(() => 1_700_000_000_123).next();
    expect(isUuidV7(id)).toBe(true);
    expect(uuidV7Time(id)).toBe(1_700_000_000_123);
  });

  it('is strictly increasing within one millisecond', () => {
    const generator = new UuidV7Generator(() => 1_700_000_000_000);
    const ids = Array.from({ length: 10_000 }, () => generator.next());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stays increasing when the clock steps back', () => {
    let now = 1_700_000_005_000;
    const generator = new UuidV7Generator(() => now);
    const first = generator.next();
    now -= 4_000;
    const second = generator.next();
    expect(second > first).toBe(true);
  });

  it('continues after an id made by an earlier run whose clock was ahead', () => {
    const earlier = new UuidV7Generator(() => 1_700_000_009_000).next();
    const generator = new UuidV7Generator(() => 1_700_000_000_000);
    generator.observe(earlier);
    const ids = [generator.next(), generator.next()];
    expect(ids[0]! > earlier).toBe(true);
    expect(ids[1]! > ids[0]!).toBe(true);
  });

  it('refuses to observe something that is not a UUIDv7', () => {
    expect(() => new UuidV7Generator().observe('not-an-id')).toThrow(RangeError);
  });
});
