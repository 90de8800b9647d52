// Signs catalog answers with the platform's Ed25519 key, so a kiosk can tell a catalog the platform issued from one
// altered on the way or on a proxy (design.md, "The item catalog": catalogs are signed by the platform).
import { type KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';

export class CatalogSigner {
  readonly #key: KeyObject;
  /** Ed25519 public key, SPKI DER, base64url: what terminals are given to verify with. */
  readonly publicKey: string;

  private constructor(key: KeyObject) {
    this.#key = key;
    this.publicKey = createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64url');
  }

  static generate(): CatalogSigner {
    return new CatalogSigner(generateKeyPairSync('ed25519').privateKey);
  }

  static fromPem(pem: string): CatalogSigner {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the catalog signing key must be Ed25519, not ${key.asymmetricKeyType}`);
    return new CatalogSigner(key);
  }

  /** PKCS#8 PEM, to keep in a 0600 file. */
  toPem(): string {
    return this.#key.export({ format: 'pem', type: 'pkcs8' }).toString();
  }

  /** The `x-catalog-signature` value for this exact body. */
  sign(body: string): string {
    return `ed25519:${sign(null, Buffer.from(body), this.#key).toString('base64url')}`;
  }
}
