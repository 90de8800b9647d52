import { describe, expect, it } from 'vitest';
import { parseAimId, splitAimPrefix } from './aim-symbology';
import { concat, hex, vectors } from './test-support/test-vectors';

describe('AIM symbology identifiers', () => {
  it('names the symbologies a kiosk meets', () => {
    expect(parseAimId(']Q1')).toEqual({ aimId: ']Q1', name: 'qrCode' });
    expect(parseAimId(']Q0')?.name).toBe('qrCode');
    expect(parseAimId(']C0')?.name).toBe('code128');
    expect(parseAimId(']E0')?.name).toBe('eanUpc');
    expect(parseAimId(']d2')?.name).toBe('dataMatrix');
    expect(parseAimId(']L2')?.name).toBe('pdf417');
    expect(parseAimId(']h0')?.name).toBe('hanXin');
  });

  it('refuses what is not an identifier', () => {
    for (const text of ['Q1', ']Q', ']Q1x', '[Q1', ']J0', ']Q~', ']q1', ']__']) expect(parseAimId(text)).toBeUndefined();
    expect(parseAimId(']constructor'.slice(0, 3))).toBeUndefined();
  });

  it('splits a prefix off the frame bytes, and leaves data without one alone', () => {
    const withPrefix = splitAimPrefix(concat(vectors.aimQ1, vectors.wangzhengUtf8));
    expect(withPrefix.symbology).toEqual({ aimId: ']Q1', name: 'qrCode' });
    expect(withPrefix.rest).toEqual(vectors.wangzhengUtf8);
    const plain = hex('5d 4a 30 41'); // "]J0A": J is no symbology
    expect(splitAimPrefix(plain)).toEqual({ rest: plain });
    expect(splitAimPrefix(hex('5d 51'))).toEqual({ rest: hex('5d 51') });
  });
});
