// AIM symbology identifiers (ISO/IEC 15424): a reader configured to send them puts three ASCII characters before the
// data, `]` + a code character naming the symbology + a modifier character (`]Q1` = QR Code, model 2, ECI off).
// Only code characters that name a real symbology are taken as a prefix, so data that merely starts with `]` is left
// alone unless it looks exactly like an identifier (an unavoidable ambiguity of the format; see README).

export const symbologyNames = {
  A: 'code39',
  B: 'telepen',
  C: 'code128',
  D: 'codeOne',
  E: 'eanUpc',
  F: 'codabar',
  G: 'code93',
  H: 'code11',
  I: 'interleaved2of5',
  K: 'code16k',
  L: 'pdf417',
  M: 'msi',
  N: 'anker',
  O: 'codablock',
  P: 'plessey',
  Q: 'qrCode',
  R: 'straight2of5TwoBar',
  S: 'straight2of5ThreeBar',
  T: 'code49',
  U: 'maxiCode',
  X: 'other',
  Y: 'systemExpansion',
  Z: 'nonBarcode',
  d: 'dataMatrix',
  e: 'gs1DataBar',
  h: 'hanXin',
  z: 'aztec',
} as const;

export type SymbologyName = (typeof symbologyNames)[keyof typeof symbologyNames];

export interface Symbology {
  /** The identifier as sent, e.g. `]Q1`. */
  aimId: string;
  name: SymbologyName;
}

const FLAG = 0x5d; // ']'
export const AIM_ID_LENGTH = 3;

function isModifier(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}

/** The symbology an AIM identifier (three characters) names, or undefined when it is not one. */
export function parseAimId(aimId: string): Symbology | undefined {
  if (aimId.length !== AIM_ID_LENGTH || aimId.charCodeAt(0) !== FLAG || !isModifier(aimId.charCodeAt(2))) return undefined;
  const code = aimId[1] as string;
  const name = Object.hasOwn(symbologyNames, code) ? symbologyNames[code as keyof typeof symbologyNames] : undefined;
  return name === undefined ? undefined : { aimId, name };
}

/** Splits a leading AIM identifier off a frame; `rest` is the frame itself when there is none. */
export function splitAimPrefix(frame: Uint8Array): { symbology?: Symbology; rest: Uint8Array } {
  if (frame.length < AIM_ID_LENGTH || frame[0] !== FLAG) return { rest: frame };
  const symbology = parseAimId(String.fromCharCode(frame[0] as number, frame[1] as number, frame[2] as number));
  return symbology ? { symbology, rest: frame.subarray(AIM_ID_LENGTH) } : { rest: frame };
}
