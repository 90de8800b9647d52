// Certificates (platform/certificates/): the terminal's fetch of the certificate of its transaction (sync API), and
// the public verification page its QR code opens (`/verify/<code>`, contracts/certificate-verification.ts).
import type { FastifyInstance } from 'fastify';
import { VerificationCode, verificationPathPrefix } from '../../contracts/certificate-verification';
import { syncApi } from '../../contracts/sync-api';
import { invalidCertificatePage, validCertificatePage } from '../certificates/verification-page';
import { publicPageHeaders } from '../public/public-page';
import type { PlatformStorage } from '../storage/platform-storage';
import { type RouteDeps, registerRoute } from './zod-route';

export function registerCertificateRoutes(app: FastifyInstance, storage: PlatformStorage, deps: RouteDeps): void {
  registerRoute(app, syncApi.transactionCertificate, deps, async ({ terminal, params }) => {
    const record = await storage.q.certificates.ofTransaction(terminal.terminalId, params.transactionId);
    if (!record) return { status: 404, error: { code: 'notFound', message: 'no certificate was issued for this transaction' } };
    const { terminalId: _terminal, transactionId: _transaction, ...certificate } = record;
    return { status: 200, body: certificate };
  });

  app.get<{ Params: { code: string } }>(`${verificationPathPrefix}:code`, async (request, reply) => {
    const code = VerificationCode.safeParse(request.params.code.toUpperCase());
    const record = code.success ? await storage.q.certificates.byVerificationCode(code.data) : undefined;
    return reply
      .code(record ? 200 : 404)
      .headers(publicPageHeaders)
      .send(record ? validCertificatePage(record) : invalidCertificatePage());
  });
}
