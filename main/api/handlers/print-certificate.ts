import type { CertificateService } from '../../services/certificate-service';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `print.certificate`: the A4 certificate of an application of this session approved at once. */
export function printCertificate(certificates: CertificateService): KioskApiHandlers['print.certificate'] {
  return ({ sessionId, transactionId }) => certificates.print(sessionId, transactionId);
}
