// Checks the platform's signature on a catalog (contracts/sync-api.ts `catalogSignatureHeader`): Ed25519 over the
// exact body bytes, with the public key from the terminal's credentials. A catalog that does not verify is refused
// and the last good one stays (design.md, "The item catalog").
import { createPublicKey, verify } from 'node:crypto';

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

const PREFIX = 'ed25519:';

/** `what` names the document in the reasons: the catalog, or pushed settings (main/settings, same key). */
export function verifyCatalogSignature(text: string, header: string | undefined, publicKey: string | undefined, what = 'catalog'): SignatureCheck {
  if (!publicKey) return { ok: false, reason: `the credentials hold no catalogPublicKey, so no ${what} can be verified` };
  if (!header?.startsWith(PREFIX)) return { ok: false, reason: `the ${what} came without an ed25519 signature` };
  let valid: boolean;
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64url'), format: 'der', type: 'spki' });
    valid = verify(null, Buffer.from(text), key, Buffer.from(header.slice(PREFIX.length), 'base64url'));
  } catch (error) {
    return { ok: false, reason: `the ${what} signature could not be checked: ${(error as Error).message}` };
  }
  return valid ? { ok: true } : { ok: false, reason: `the ${what} signature does not verify with the platform key in the credentials` };
}
