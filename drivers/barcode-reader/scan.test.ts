import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScan } from './scan';
import { decodeScanText } from './scan-text';
import { concat, hex, vectors } from './test-support/test-vectors';

describe('decoding scan bytes', () => {
  it('reads UTF-8 and GB18030 Chinese', () => {
    expect(decodeScanText(vectors.wangzhengUtf8)).toEqual({ ok: true, text: '网证', encoding: 'utf8' });
    expect(decodeScanText(vectors.wangzhengGb18030)).toEqual({ ok: true, text: '网证', encoding: 'gb18030' });
    expect(decodeScanText(vectors.urlUtf8)).toEqual({ ok: true, text: vectors.url, encoding: 'utf8' });
    expect(decodeScanText(vectors.urlGb18030)).toEqual({ ok: true, text: vectors.url, encoding: 'gb18030' });
    expect(decodeScanText(vectors.jiUtf8)).toEqual({ ok: true, text: '𠮷', encoding: 'utf8' });
    expect(decodeScanText(vectors.jiGb18030)).toEqual({ ok: true, text: '𠮷', encoding: 'gb18030' });
  });

  it('calls ASCII UTF-8 and drops a UTF-8 byte-order mark', () => {
    expect(decodeScanText(hex('41 42 43'))).toEqual({ ok: true, text: 'ABC', encoding: 'utf8' });
    expect(decodeScanText(concat(hex('ef bb bf'), vectors.wangzhengUtf8))).toEqual({ ok: true, text: '网证', encoding: 'utf8' });
  });

  it('prefers UTF-8 when the bytes are valid in both (the documented rule)', () => {
    // 说 in GB18030 (CB B5) is also the UTF-8 of U+02F5: the one kind of payload the rule misreads.
    expect(decodeScanText(vectors.shuoGb18030)).toEqual({ ok: true, text: '\u02f5', encoding: 'utf8' });
    // Uyghur in UTF-8 would read as GBK ideographs too; UTF-8 first keeps it right: ئۇيغۇر
    expect(decodeScanText(hex('d8 a6 db 87 d9 8a d8 ba db 87 d8 b1'))).toEqual({ ok: true, text: 'ئۇيغۇر', encoding: 'utf8' });
    // 买买提·艾力: CJK with the two-byte middle dot (C2 B7) of minority and foreign names.
    expect(decodeScanText(hex('e4 b9 b0 e4 b9 b0 e6 8f 90 c2 b7 e8 89 be e5 8a 9b'))).toEqual({ ok: true, text: '买买提·艾力', encoding: 'utf8' });
  });

  it('refuses bytes that are neither', () => {
    expect(decodeScanText(hex('80'))).toEqual({ ok: false });
    expect(decodeScanText(hex('41 ff 42'))).toEqual({ ok: false });
    expect(decodeScanText(hex('cd'))).toEqual({ ok: false });
  });

  it('strips a leading AIM identifier before decoding, unless told not to', () => {
    expect(decodeScan(concat(vectors.aimQ1, vectors.wangzhengGb18030))).toEqual({
      ok: true,
      scan: { text: '网证', encoding: 'gb18030', symbology: { aimId: ']Q1', name: 'qrCode' } },
    });
    expect(decodeScan(concat(vectors.aimC0, hex('31 32 33')), { aim: 'off' })).toEqual({ ok: true, scan: { text: ']C0123', encoding: 'utf8' } });
    expect(decodeScan(hex('31'), { aimId: ']E0' })).toEqual({ ok: true, scan: { text: '1', encoding: 'utf8', symbology: { aimId: ']E0', name: 'eanUpc' } } });
    expect(decodeScan(concat(vectors.aimQ1, hex('ff')))).toEqual({ ok: false, error: { code: 'undecodable', length: 4 } });
  });

  it('never throws and round-trips text of either encoding (fuzz, 10,000 inputs)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const result = decodeScan(bytes);
        if (result.ok) expect(typeof result.scan.text).toBe('string');
      }),
      { numRuns: 6_000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 24 }), (text) => {
        const result = decodeScanText(new TextEncoder().encode(text));
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.text).toBe(text.replace(/^\uFEFF/, ''));
      }),
      { numRuns: 4_000 },
    );
  });
});
