// The identity endpoints (contracts/sync-api.ts, "Identity") bound to the platform's identity adapter. Face images
// live only for the request: decoded into buffers that are zeroed once the adapter has answered, never stored, never
// logged (zod issues and errors name fields, not values).
import type { FastifyInstance } from 'fastify';
import { imageMatchesType } from '../../contracts/image-signature';
import { syncApi } from '../../contracts/sync-api';
import { DemoIdentityAdapter } from '../identity/demo-identity-adapter';
import type { IdentityAdapter } from '../identity/identity-adapter';
import { type RouteDeps, type RouteReply, registerRoute } from './zod-route';

const serviceDown: RouteReply = { status: 503, error: { code: 'unavailable', message: 'the identity verification service is unavailable' } };

function badImage(message: string): RouteReply {
  return { status: 400, error: { code: 'invalidRequest', message } };
}

export function registerIdentityRoutes(app: FastifyInstance, identity: IdentityAdapter, deps: RouteDeps): void {
  registerRoute(app, syncApi.compareFace, deps, async ({ terminal, body }) => {
    const cardPhoto = { format: body.cardPhoto.format, bytes: Buffer.from(body.cardPhoto.base64, 'base64') };
    const liveImage = { mimeType: body.liveImage.mimeType, bytes: Buffer.from(body.liveImage.base64, 'base64') };
    try {
      if (!imageMatchesType(liveImage.bytes, liveImage.mimeType)) return badImage(`body.liveImage: not a whole ${liveImage.mimeType} image`);
      if (cardPhoto.bytes.length === 0) return badImage('body.cardPhoto: empty');
      const outcome = await identity.compareFace({ terminalId: terminal.terminalId, cardPhoto, liveImage });
      if (outcome === 'serviceDown') return serviceDown;
      return { status: 200, body: { match: outcome === 'match', demo: identity.demo } };
    } finally {
      cardPhoto.bytes.fill(0);
      liveImage.bytes.fill(0);
    }
  });

  registerRoute(app, syncApi.verifyIdentityQr, deps, async ({ terminal, body }) => {
    const outcome = await identity.verifyQr({ terminalId: terminal.terminalId, code: body.code });
    if (outcome.result === 'serviceDown') return serviceDown;
    if (outcome.result === 'rejected') return { status: 200, body: { verified: false, demo: identity.demo } };
    return { status: 200, body: { verified: true, ...outcome.person, demo: identity.demo } };
  });

  registerRoute(app, syncApi.demoFaceScript, deps, async ({ terminal, body }) => {
    if (!(identity instanceof DemoIdentityAdapter)) return { status: 404, error: { code: 'notFound', message: 'this platform runs a real identity adapter: nothing to script' } };
    return { status: 200, body: { queued: identity.script(terminal.terminalId, body.answers, body.replace) } };
  });
}
