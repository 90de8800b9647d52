// Live face comparison (人证比对) for the session's ID card: the still frame and the card's photo go to the platform's
// identity service, the answer is recorded in the session (session-identity.ts decides what submit makes of it), and
// the frame is gone once the platform has answered. Needs the citizen's consent, asked by the screen separately
// (the contract refuses a request without `consent: true`); at most `maxFaceAttempts` definite answers per session.
//
// The chip photo is a WLT image the kiosk cannot decode without the vendor's licensed library: it goes as read
// (`format: 'wlt'`, the comparison service decodes it), or as the BMP/BGR a plugged-in decoder made of it.
import type { CompareFaceErrorCode, CompareFaceResult, FaceImage } from '../../contracts/kiosk-api';
import { imageMatchesType } from '../../contracts/image-signature';
import type { IdCard } from '../../drivers/idcard/id-card-reader';
import type { PlatformOnline } from './citizen-services';
import { describeFailure, platformFailure } from './platform-failure';
import type { ServiceLogger } from './service-logger';
import type { SessionStore } from './session-store';

export const maxFaceAttempts = 3;

function cardPhoto(card: IdCard): { format: 'wlt' | 'bmp' | 'bgr'; base64: string } {
  const photo = card.decodedPhoto ?? card.photo;
  return { format: photo.format, base64: Buffer.from(photo.bytes).toString('base64') };
}

export class FaceService {
  readonly #sessions: SessionStore;
  readonly #platform: PlatformOnline | undefined;
  readonly #logger: ServiceLogger;

  constructor(options: { sessions: SessionStore; platform: PlatformOnline | undefined; logger: ServiceLogger }) {
    this.#sessions = options.sessions;
    this.#platform = options.platform;
    this.#logger = options.logger;
  }

  async compare(sessionId: string, image: FaceImage): Promise<CompareFaceResult> {
    const session = this.#sessions.get(sessionId);
    if (!session) return fail('noSession', 'no such session (it ended or never started)');
    const ran = await session.exclusive('compareFace', async (): Promise<CompareFaceResult> => {
      const card = session.card;
      if (!card) return fail('noCard', 'no ID card was read in this session');
      if (session.faceAttempts >= maxFaceAttempts) return fail('noAttemptsLeft', `this session used its ${maxFaceAttempts} comparisons`);
      // Decoded only to check it; zeroed whatever happens (the base64 text can only be dropped).
      const decoded = Buffer.from(image.base64, 'base64');
      try {
        if (!imageMatchesType(decoded, image.mimeType)) return fail('badImage', `the image is not a whole ${image.mimeType}`);
        if (!this.#platform) return fail('offline', 'this kiosk has no platform connection');
        const answer = await this.#platform.request('compareFace', {
          body: { cardPhoto: cardPhoto(card), liveImage: { mimeType: image.mimeType, base64: image.base64 } },
        });
        if (session.ended) return fail('noSession', 'the session ended during the comparison');
        if (!answer.ok) {
          const failure = platformFailure(answer.failure);
          this.#logger.warn({ session: session.id, ...describeFailure(answer.failure) }, 'face comparison failed');
          if (failure.kind === 'refused' && failure.status === 400) return fail('badImage', 'the platform did not take the image');
          return failure.kind === 'offline'
            ? fail('offline', 'the platform cannot be reached')
            : fail('serviceUnavailable', 'the face comparison service is unavailable');
        }
        const { match, demo } = answer.value;
        session.recordFaceCheck(match ? 'match' : 'noMatch');
        this.#logger.info({ session: session.id, match, demo, attempts: session.faceAttempts }, 'face compared');
        return { ok: true, match, attemptsLeft: Math.max(0, maxFaceAttempts - session.faceAttempts), demo };
      } finally {
        decoded.fill(0);
      }
    });
    return ran.ok ? ran.value : fail('busy', 'a comparison of this session is under way');
  }
}

function fail(code: CompareFaceErrorCode, message: string): CompareFaceResult {
  return { ok: false, error: { code, message } };
}
