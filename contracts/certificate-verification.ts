// Where a printed certificate's QR code leads: the platform's public verification page,
// `<public base URL>/verify/<code>`. The code is 128 random bits in RFC 4648 base32 (26 letters A–Z and digits 2–7,
// no padding): unguessable, so the page needs no login and reveals a certificate only to whoever holds the paper.
import { z } from 'zod';

export const VerificationCode = z.string().regex(/^[A-Z2-7]{26}$/, '26 characters of base32 (A–Z, 2–7)');
export type VerificationCode = z.infer<typeof VerificationCode>;

/** The page's path prefix on the platform. */
export const verificationPathPrefix = '/verify/';

export function certificateVerificationUrl(publicBaseUrl: string, code: string): string {
  const base = new URL(publicBaseUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error('the public base URL must be http(s)');
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${verificationPathPrefix}${VerificationCode.parse(code)}`;
}
