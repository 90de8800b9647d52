// print.certificate: the A4 certificate the platform issued when it approved this session's application at once.
// The record comes from the platform (sync API `transactionCertificate`), the PDF is made here (certificate-pdf.ts)
// and goes to the document printer, which cancels a job that cannot finish rather than let it come out later.
//
// Without an answer from the platform there is nothing to print (`nothingToPrint`, the message says why): instant
// approval happens on the platform, so a kiosk that cannot reach it cannot have been told "approved" either.
import { certificateVerificationUrl } from '../../contracts/certificate-verification';
import type { PrintResult } from '../../contracts/kiosk-api';
import type { DocumentPrinter } from '../../drivers/document-printer/document-printer';
import type { CjkFont } from '../../drivers/document-printer/test-page';
import { resultOf } from '../api/handlers/transaction-result';
import type { Outbox } from '../outbox/outbox';
import { renderCertificatePdf } from './certificate-pdf';
import type { PlatformOnline } from './citizen-services';
import { describeFailure, platformFailure } from './platform-failure';
import { toPrintResult } from './print-result';
import type { ServiceLogger } from './service-logger';
import type { SessionStore } from './session-store';

export interface CertificateServiceOptions {
  sessions: SessionStore;
  printer: Pick<DocumentPrinter, 'print' | 'status'>;
  outbox: Pick<Outbox, 'get'>;
  platform: PlatformOnline | undefined;
  terminal: { id: string; name: string };
  /** The base of the verification URL in the QR code; the platform's address when no public one is configured. */
  publicBaseUrl: string | undefined;
  /** Embedded in the PDF; undefined when the kiosk has no CJK font (then nothing can print). */
  font: CjkFont | undefined;
  logger: ServiceLogger;
}

const nothing = (message: string): PrintResult => ({ ok: false, error: { code: 'nothingToPrint', message } });

export class CertificateService {
  readonly #options: CertificateServiceOptions;

  constructor(options: CertificateServiceOptions) {
    this.#options = options;
  }

  async print(sessionId: string, transactionId: string): Promise<PrintResult> {
    const { sessions, printer, outbox, platform, logger } = this.#options;
    const session = sessions.get(sessionId);
    if (!session) return { ok: false, error: { code: 'noSession', message: 'no such session (it ended or never started)' } };
    if (!session.submitted(transactionId)) return { ok: false, error: { code: 'unknownTransaction', message: 'this session submitted no such transaction' } };
    const known = resultOf(outbox.get(transactionId));
    if (known.state === 'answered' && known.outcome !== 'approved') return nothing('the application was not approved at once');
    const { publicBaseUrl, font } = this.#options;
    if (!platform || !publicBaseUrl) return nothing('offline: the platform cannot be reached, so no certificate is known');
    if (!font) return { ok: false, error: { code: 'hardwareError', message: 'no CJK font for the certificate' } };

    return session.track(async (): Promise<PrintResult> => {
      const fetched = await platform.request('transactionCertificate', { params: { transactionId } });
      if (!fetched.ok) {
        const failure = platformFailure(fetched.failure);
        logger.warn({ session: session.id, transaction: transactionId, ...describeFailure(fetched.failure) }, 'certificate not fetched');
        if (failure.kind === 'refused' && failure.status === 404) return nothing('the platform issued no certificate for this application');
        return nothing(`${failure.kind === 'offline' ? 'offline' : 'platform unavailable'}: the certificate cannot be fetched now`);
      }
      const certificate = fetched.value;
      let pdf: Uint8Array;
      try {
        const rendered = await renderCertificatePdf({
          certificate,
          verificationUrl: certificateVerificationUrl(publicBaseUrl, certificate.verificationCode),
          terminal: this.#options.terminal,
          font,
        });
        if (rendered.missingGlyphs.length > 0) logger.warn({ transaction: transactionId, missingGlyphs: rendered.missingGlyphs }, 'certificate font lacks characters');
        pdf = rendered.pdf;
      } catch (error) {
        logger.error({ transaction: transactionId, err: error }, 'certificate not rendered');
        return { ok: false, error: { code: 'hardwareError', message: 'the certificate could not be rendered' } };
      }
      const completion = await printer.print(pdf, { jobName: 'certificate' });
      const result = toPrintResult(completion, () => printer.status().documentPrinter.paper?.tray1 === 'out');
      if (result.ok) logger.info({ session: session.id, transaction: transactionId }, 'certificate printed');
      else logger.warn({ session: session.id, transaction: transactionId, code: result.error.code, reason: result.error.message }, 'certificate not printed');
      return result;
    });
  }
}
