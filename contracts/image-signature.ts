// Whether bytes are what their declared image type says, by the format's signature: enough to refuse a truncated or
// mislabelled upload before it costs a comparison. Environment-neutral; both the kiosk and the platform check.

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function imageMatchesType(bytes: Uint8Array, mimeType: 'image/jpeg' | 'image/png'): boolean {
  if (mimeType === 'image/png') return bytes.length > PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
  // JPEG: starts with SOI and a marker, ends with EOI (a cut-off upload lacks it).
  const n = bytes.length;
  return n > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[n - 2] === 0xff && bytes[n - 1] === 0xd9;
}
