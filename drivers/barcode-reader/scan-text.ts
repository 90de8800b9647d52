// Turns the bytes of one scan into text. Readers pass the code's bytes through unchanged, and the codes a kiosk sees
// come in both encodings: app and 网证 QR codes are mostly UTF-8, older appointment slips and forms GB18030/GBK.
//
// The rule (README, "Decoding"):
//   1. Valid UTF-8 (strict; a leading BOM is dropped) is UTF-8 — pure ASCII included, as it is the same in both.
//   2. Otherwise valid GB18030 — the bytes decode and encode back to themselves — is GB18030.
//   3. Anything else is undecodable: a typed error, never text with replacement characters.
// UTF-8 goes first because its structure is strict: GB18030 Chinese text is almost never valid UTF-8 (a two-byte
// Chinese string has to hit a narrow byte range, e.g. 说 = CB B5, which is also the UTF-8 of "˵"). Preferring
// GB18030 whenever it reads as Chinese would be worse: Uyghur and Kazakh (Arabic script, Cyrillic) UTF-8 text also
// reads as GBK ideographs, and kiosks in Xinjiang scan Uyghur.
import iconv from 'iconv-lite';

export type ScanEncoding = 'utf8' | 'gb18030';

export type ScanTextResult = { ok: true; text: string; encoding: ScanEncoding } | { ok: false };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function strictGb18030(bytes: Uint8Array): string | undefined {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
  return iconv.encode(text, 'gb18030').equals(bytes) ? text : undefined;
}

export function decodeScanText(bytes: Uint8Array): ScanTextResult {
  const asUtf8 = strictUtf8(bytes);
  if (asUtf8 !== undefined) return { ok: true, text: asUtf8, encoding: 'utf8' };
  const asGb = strictGb18030(bytes);
  return asGb === undefined ? { ok: false } : { ok: true, text: asGb, encoding: 'gb18030' };
}
