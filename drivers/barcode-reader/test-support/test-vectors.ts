// Byte vectors for the barcode reader tests, written out by hand (the hex from Python's own codecs, not from
// iconv-lite or the simulator's encoder), so an encoder and decoder that shared a mistake would still be caught.

export const hex = (text: string): Uint8Array => Uint8Array.from(text.trim().split(/\s+/).filter(Boolean), (byte) => parseInt(byte, 16));

export const vectors = {
  /** 网证 */
  wangzhengUtf8: hex('e7 bd 91 e8 af 81'),
  wangzhengGb18030: hex('cd f8 d6 a4'),
  /** https://gjzwfw.www.gov.cn/?姓名=张三 */
  urlUtf8: hex('68 74 74 70 73 3a 2f 2f 67 6a 7a 77 66 77 2e 77 77 77 2e 67 6f 76 2e 63 6e 2f 3f e5 a7 93 e5 90 8d 3d e5 bc a0 e4 b8 89'),
  urlGb18030: hex('68 74 74 70 73 3a 2f 2f 67 6a 7a 77 66 77 2e 77 77 77 2e 67 6f 76 2e 63 6e 2f 3f d0 d5 c3 fb 3d d5 c5 c8 fd'),
  url: 'https://gjzwfw.www.gov.cn/?姓名=张三',
  /** 说 in GB18030: also valid UTF-8 (U+02F5) */
  shuoGb18030: hex('cb b5'),
  /** 𠮷 (U+20BB7): a four-byte sequence in both encodings */
  jiUtf8: hex('f0 a0 ae b7'),
  jiGb18030: hex('95 34 b2 35'),
  /** AIM identifiers as ASCII */
  aimQ1: hex('5d 51 31'),
  aimC0: hex('5d 43 30'),
} as const;

export function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of arrays) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
