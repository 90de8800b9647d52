// Identity by a network ID (网证) or app QR code: waits for a code on the QR reader, refuses codes that are not
// identity codes (identity-codes.ts) without sending them anywhere, has the platform verify the rest, and keeps the
// person it proved in the session like a card (wiped with it, kept out of logs).
import type { FailureCode } from '../../contracts/device-model';
import type { ReadQrIdentityErrorCode, ReadQrIdentityResult } from '../../contracts/kiosk-api';
import type { BarcodeReader } from '../../drivers/barcode-reader/barcode-reader';
import type { PlatformOnline } from './citizen-services';
import { identityCodeKind } from './identity-codes';
import { describeFailure, platformFailure } from './platform-failure';
import type { ServiceLogger } from './service-logger';
import { summarizeQrIdentity } from './session-identity';
import type { SessionStore } from './session-store';

const codeOf: Record<FailureCode, ReadQrIdentityErrorCode> = {
  timeOut: 'timeout',
  canceled: 'canceled',
  deviceNotReady: 'deviceNotReady',
  hardwareError: 'deviceNotReady',
  unsupported: 'deviceNotReady',
  userError: 'deviceNotReady',
  // A frame that does not decode is no identity code either.
  invalidData: 'notIdentityCode',
};

export class QrIdentityService {
  readonly #sessions: SessionStore;
  readonly #reader: Pick<BarcodeReader, 'read'>;
  readonly #platform: PlatformOnline | undefined;
  readonly #logger: ServiceLogger;

  constructor(options: { sessions: SessionStore; reader: Pick<BarcodeReader, 'read'>; platform: PlatformOnline | undefined; logger: ServiceLogger }) {
    this.#sessions = options.sessions;
    this.#reader = options.reader;
    this.#platform = options.platform;
    this.#logger = options.logger;
  }

  async read(sessionId: string, timeoutSeconds: number): Promise<ReadQrIdentityResult> {
    const session = this.#sessions.get(sessionId);
    if (!session) return fail('noSession', 'no such session (it ended or never started)');
    const ran = await session.wait('readQr', async (signal): Promise<ReadQrIdentityResult> => {
      const completion = await this.#reader.read({ timeoutMs: timeoutSeconds * 1000, signal });
      if (completion.code !== 'success') {
        const code = codeOf[completion.code];
        this.#logger.info({ session: session.id, code, device: completion.code }, 'identity code not read');
        return fail(code, completion.message);
      }
      const text = completion.value.text.trim();
      if (!identityCodeKind(text)) {
        // Only its length: the code itself may be a payment code or a receipt's reference.
        this.#logger.info({ session: session.id, length: text.length }, 'scanned code is not an identity code');
        return fail('notIdentityCode', 'the code read is not a network ID or app identity code');
      }
      if (!this.#platform) return fail('offline', 'this kiosk has no platform connection');
      const answer = await this.#platform.request('verifyIdentityQr', { body: { code: text } });
      // The session ended, or the citizen left the QR step: the person is not kept.
      if (signal.aborted) return fail('canceled', 'the wait was canceled during the verification');
      if (!answer.ok) {
        const failure = platformFailure(answer.failure);
        this.#logger.warn({ session: session.id, ...describeFailure(answer.failure) }, 'identity code verification failed');
        return failure.kind === 'offline' ? fail('offline', 'the platform cannot be reached') : fail('serviceUnavailable', 'the identity verification service is unavailable');
      }
      const verified = answer.value;
      if (!verified.verified) {
        this.#logger.info({ session: session.id, demo: verified.demo }, 'identity code rejected by the platform');
        return fail('rejected', 'the platform did not accept the code (expired, revoked or unknown)');
      }
      const person = { method: verified.method, name: verified.name, idNumber: verified.idNumber, demo: verified.demo };
      session.setQrIdentity(person);
      this.#logger.info({ session: session.id, method: person.method, demo: person.demo }, 'identity code verified');
      return { ok: true, identity: summarizeQrIdentity(person) };
    });
    return ran.ok ? ran.value : fail('busy', 'this session is already waiting for a code');
  }

  /** Stops the session's QR wait (the citizen left the QR step); it answers `canceled`. */
  cancelRead(sessionId: string): boolean {
    return this.#sessions.get(sessionId)?.cancelWait('readQr') ?? false;
  }
}

function fail(code: ReadQrIdentityErrorCode, message: string): ReadQrIdentityResult {
  return { ok: false, error: { code, message } };
}
