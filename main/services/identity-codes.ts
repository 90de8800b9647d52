// Which scanned codes are identity codes the kiosk may send to the platform: a network ID (网证, CTID) code or the
// provincial app's code. Anything else (a receipt's QR code, a payment code, a parcel barcode) is refused on the
// kiosk and goes nowhere: a payment code in particular must not leave the terminal. The forms below are the demo
// platform's (`CTID-…`, `APP-…`); a deployment sets them to its providers' formats.

export type IdentityCodeKind = 'networkIdQr' | 'appQr';

const identityCodeForms: readonly (readonly [RegExp, IdentityCodeKind])[] = [
  [/^CTID-[A-Za-z0-9._~+/=-]{1,2000}$/, 'networkIdQr'],
  [/^APP-[A-Za-z0-9._~+/=-]{1,2000}$/, 'appQr'],
];

export function identityCodeKind(text: string): IdentityCodeKind | undefined {
  return identityCodeForms.find(([form]) => form.test(text))?.[1];
}
