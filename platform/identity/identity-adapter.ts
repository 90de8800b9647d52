// What the platform needs of an identity verification service: compare a live face with an ID card's photo, and
// resolve a network ID (网证) or app QR code to the person it proves. A real deployment implements this over the
// public-security comparison service (公安人口库 / CTID platform, through the province's gateway); the reference
// platform ships only the DEMO adapter (demo-identity-adapter.ts), and every answer carries `demo` so no screen can
// pass a demo answer off as a real check.

export interface CardPhoto {
  /** `wlt`: the chip's encrypted image as read; `bmp`/`bgr`: decoded by a licensed decoder on the kiosk. */
  format: 'wlt' | 'bmp' | 'bgr';
  bytes: Uint8Array;
}

export interface LiveImage {
  mimeType: 'image/jpeg' | 'image/png';
  bytes: Uint8Array;
}

export type FaceOutcome = 'match' | 'noMatch' | 'serviceDown';

export interface VerifiedPerson {
  method: 'networkIdQr' | 'appQr';
  name: string;
  idNumber: string;
}

export type QrOutcome = { result: 'person'; person: VerifiedPerson } | { result: 'rejected' } | { result: 'serviceDown' };

export interface IdentityAdapter {
  /** Shown with every answer: true for the shipped demo adapter. */
  readonly demo: boolean;
  /** The caller zeroes both images after the answer; an adapter must not keep them either. */
  compareFace(request: { terminalId: string; cardPhoto: CardPhoto; liveImage: LiveImage }): Promise<FaceOutcome>;
  verifyQr(request: { terminalId: string; code: string }): Promise<QrOutcome>;
}
