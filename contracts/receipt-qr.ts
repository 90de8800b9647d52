// What a receipt's QR code carries: a URL of the platform's public site, `<public base URL>/p/<reference>`, where the
// reference is the receipt code (the transaction id: unguessable, unlike case numbers, which run in sequence).
// A phone opens it as the platform's public progress page; the kiosk's progress screen reads the reference back out
// with `parseReceiptQr` (which also takes a typed case number).
// Environment-neutral (the renderer and the Node side both use it): only the global `URL`.
import { CaseReference } from './kiosk-api';

/** The path segment before the reference: short, so the QR code stays small. */
const progressPath = '/p/';
const referenceAtEnd = /\/p\/([0-9A-Za-z-]{6,64})\/?$/;

/** The QR payload of a receipt. Throws on a base URL that is not http(s) or a reference that is not a CaseReference. */
export function receiptQrPayload(publicBaseUrl: string, reference: string): string {
  const base = new URL(publicBaseUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error('the public base URL must be http(s)');
  if (base.search || base.hash) throw new Error('the public base URL must not carry a query or a fragment');
  const checked = CaseReference.parse(reference);
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${progressPath}${checked}`;
}

/**
 * The reference (case number or receipt code) in a scanned or typed text: a receipt QR URL from any host (a kiosk may
 * serve receipts printed when the platform had another address), or a bare reference. null when it is neither.
 */
export function parseReceiptQr(text: string): string | null {
  const trimmed = text.trim();
  if (CaseReference.safeParse(trimmed).success) return trimmed;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const match = referenceAtEnd.exec(url.pathname);
  return match?.[1] ?? null;
}
