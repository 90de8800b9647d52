import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupTag, ValueTag, decodeIppMessage, encodeIppRequest, groupOf, integersOf, stringsOf } from './ipp-encoding';

/** Builds bytes from a mix of hex words ("0x0200", "0x47") and literal ASCII strings, as RFC 8010 §4 lays them out. */
function wire(...parts: string[]): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    const hex = /^0x([0-9a-f]+)$/i.exec(part);
    if (hex?.[1]) {
      for (let i = 0; i < hex[1].length; i += 2) out.push(parseInt(hex[1].slice(i, i + 2), 16));
    } else {
      for (const ch of part) out.push(ch.charCodeAt(0));
    }
  }
  return Uint8Array.from(out);
}

// RFC 8010 §4.1.1 "Print-Job Request", row by row as the RFC lists it (octets, then the value the row stands for).
// Written out by hand from the RFC, never produced by the encoder under test.
const rfcPrintJobRequest = wire(
  '0x0200', // version-number 2.0
  '0x0002', // operation-id Print-Job
  '0x00000001', // request-id 1
  '0x01', // operation-attributes-tag
  '0x47', '0x0012', 'attributes-charset', '0x0005', 'utf-8',
  '0x48', '0x001b', 'attributes-natural-language', '0x0005', 'en-us',
  '0x45', '0x000b', 'printer-uri', '0x002c', 'ipp://printer.example.com/ipp/print/pinetree',
  '0x42', '0x0008', 'job-name', '0x0006', 'foobar',
  '0x22', '0x0016', 'ipp-attribute-fidelity', '0x0001', '0x01',
  '0x02', // job-attributes-tag
  '0x21', '0x0006', 'copies', '0x0004', '0x00000014',
  '0x44', '0x0005', 'sides', '0x0013', 'two-sided-long-edge',
  '0x03', // end-of-attributes-tag
  '%!PDF...',
);

// RFC 8010 §4.1.2 "Print-Job Response (Successful)".
const rfcPrintJobResponse = wire(
  '0x0200',
  '0x0000', // successful-ok
  '0x00000001',
  '0x01',
  '0x47', '0x0012', 'attributes-charset', '0x0005', 'utf-8',
  '0x48', '0x001b', 'attributes-natural-language', '0x0005', 'en-us',
  '0x41', '0x000e', 'status-message', '0x000d', 'successful-ok',
  '0x02',
  '0x21', '0x0006', 'job-id', '0x0004', '0x00000093', // 147
  '0x45', '0x0007', 'job-uri', '0x0030', 'ipp://printer.example.com/ipp/print/pinetree/147',
  '0x23', '0x0009', 'job-state', '0x0004', '0x00000003', // pending
  '0x03',
);

// RFC 8010 §3.1.6 collection encoding, for "media-col" = { media-size = { x-dimension 21000, y-dimension 29700 },
// media-source "tray-1" }, followed by a 1setOf keyword with an additional value (empty name, RFC 8010 §3.1.5).
const collectionReply = wire(
  '0x0200', '0x0000', '0x00000007',
  '0x04',
  '0x34', '0x0009', 'media-col', '0x0000',
  '0x4a', '0x0000', '0x000a', 'media-size',
  '0x34', '0x0000', '0x0000',
  '0x4a', '0x0000', '0x000b', 'x-dimension',
  '0x21', '0x0000', '0x0004', '0x00005208',
  '0x4a', '0x0000', '0x000b', 'y-dimension',
  '0x21', '0x0000', '0x0004', '0x00007404',
  '0x37', '0x0000', '0x0000',
  '0x4a', '0x0000', '0x000c', 'media-source',
  '0x44', '0x0000', '0x0006', 'tray-1',
  '0x37', '0x0000', '0x0000',
  '0x44', '0x0015', 'printer-state-reasons', '0x0011', 'media-empty-error',
  '0x44', '0x0000', '0x0010', 'toner-low-report',
  '0x03',
);

describe('IPP encoding', () => {
  it('encodes the RFC 8010 Print-Job request byte for byte', () => {
    const encoded = encodeIppRequest({
      operation: 0x0002,
      requestId: 1,
      groups: [
        {
          tag: GroupTag.operation,
          attributes: [
            { name: 'attributes-charset', tag: ValueTag.charset, values: ['utf-8'] },
            { name: 'attributes-natural-language', tag: ValueTag.naturalLanguage, values: ['en-us'] },
            { name: 'printer-uri', tag: ValueTag.uri, values: ['ipp://printer.example.com/ipp/print/pinetree'] },
            { name: 'job-name', tag: ValueTag.name, values: ['foobar'] },
            { name: 'ipp-attribute-fidelity', tag: ValueTag.boolean, values: [true] },
          ],
        },
        {
          tag: GroupTag.job,
          attributes: [
            { name: 'copies', tag: ValueTag.integer, values: [20] },
            { name: 'sides', tag: ValueTag.keyword, values: ['two-sided-long-edge'] },
          ],
        },
      ],
      data: new TextEncoder().encode('%!PDF...'),
    });
    expect(Buffer.from(encoded).toString('hex')).toBe(Buffer.from(rfcPrintJobRequest).toString('hex'));
  });

  it('decodes the RFC 8010 Print-Job request and response', () => {
    const request = decodeIppMessage(rfcPrintJobRequest);
    expect(request.ok).toBe(true);
    if (!request.ok) return;
    expect(request.message.code).toBe(0x0002);
    expect(integersOf(groupOf(request.message, GroupTag.job), 'copies')).toEqual([20]);
    expect(new TextDecoder().decode(request.message.data)).toBe('%!PDF...');

    const response = decodeIppMessage(rfcPrintJobResponse);
    expect(response.ok).toBe(true);
    if (!response.ok) return;
    expect(response.message).toMatchObject({ version: 0x0200, code: 0, requestId: 1 });
    const job = groupOf(response.message, GroupTag.job);
    expect(integersOf(job, 'job-id')).toEqual([147]);
    expect(integersOf(job, 'job-state')).toEqual([3]);
    expect(stringsOf(job, 'job-uri')).toEqual(['ipp://printer.example.com/ipp/print/pinetree/147']);
  });

  it('decodes nested collections and additional values of a 1setOf', () => {
    const decoded = decodeIppMessage(collectionReply);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const printer = groupOf(decoded.message, GroupTag.printer);
    expect(stringsOf(printer, 'printer-state-reasons')).toEqual(['media-empty-error', 'toner-low-report']);
    const mediaCol = printer.get('media-col')?.values[0];
    expect(mediaCol?.kind).toBe('collection');
    if (mediaCol?.kind !== 'collection') return;
    const size = mediaCol.value.get('media-size')?.values[0];
    expect(size?.kind === 'collection' && integersOf(size.value, 'x-dimension')).toEqual([21000]);
    expect(stringsOf(mediaCol.value, 'media-source')).toEqual(['tray-1']);
  });

  it('gives typed errors for broken messages', () => {
    expect(decodeIppMessage(rfcPrintJobResponse.subarray(0, 40))).toMatchObject({ ok: false, error: expect.stringMatching(/truncated/) });
    expect(decodeIppMessage(wire('0x0200', '0x0000', '0x00000001', '0x21', '0x0001', 'x', '0x0004', '0x00000001', '0x03'))).toMatchObject({
      ok: false,
      error: 'attribute before any group tag',
    });
    expect(decodeIppMessage(wire('0x0200', '0x0000', '0x00000001', '0x01', '0x21', '0x0001', 'x', '0x0002', '0x0001', '0x03'))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/must be 4 bytes/),
    });
    // A collection that never closes.
    expect(decodeIppMessage(wire('0x0200', '0x0000', '0x00000001', '0x04', '0x34', '0x0001', 'c', '0x0000', '0x03'))).toMatchObject({ ok: false });
  });

  it('refuses collections nested without limit', () => {
    const open = ['0x0200', '0x0000', '0x00000001', '0x04', '0x34', '0x0001', 'c', '0x0000'];
    for (let i = 0; i < 20; i++) open.push('0x4a', '0x0000', '0x0001', 'm', '0x34', '0x0000', '0x0000');
    expect(decodeIppMessage(wire(...open))).toMatchObject({ ok: false, error: expect.stringMatching(/nested deeper/) });
  });

  it('survives 10,000 random and mutated messages without a throw', () => {
    const seeds = [rfcPrintJobRequest, rfcPrintJobResponse, collectionReply];
    const mutated = fc
      .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat(), fc.boolean())
      .map(([seed, flips, cut, truncate]) => {
        const bytes = Uint8Array.from(seed);
        for (const [at, value] of flips) bytes[at % bytes.length] = value;
        return truncate ? bytes.subarray(0, cut % (bytes.length + 1)) : bytes;
      });
    const random = fc.uint8Array({ maxLength: 300 });
    fc.assert(
      fc.property(fc.oneof(mutated, random), (bytes) => {
        const result = decodeIppMessage(bytes);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 10_000 },
    );
  });
});
