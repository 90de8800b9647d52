// Serves the streamed frames upload (contracts/sync-api.ts, "Attachment frames"). The head is authenticated before a
// byte of the body is read; then each frame's chained signature is checked and the frame stored (one storage
// transaction each, as a single chunk upload) while the next is still arriving, so a slow link never waits for storage.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type UploadFramesAnswer, authHeaderNames, canonicalFrame, syncApi, uploadFramesContentType } from '../../contracts/sync-api';
import { FrameReader } from '../sync/frame-reader';
import type { SyncDeps } from '../sync/outcome';
import { uploadChunk } from '../sync/upload';
import { type RouteDeps, send, sendFailure } from './zod-route';

export function registerUploadFramesRoute(app: FastifyInstance, sync: SyncDeps, deps: RouteDeps): void {
  const endpoint = syncApi.uploadFrames;
  const { contentType, maxBytes } = endpoint.body.frames;
  // The body stays a stream for this type: frames are read as they arrive.
  app.addContentTypeParser(uploadFramesContentType, (_request, payload, done) => done(null, payload));

  app.post(endpoint.path, async (request, reply) => {
    try {
      const verified = await deps.auth.verify({ method: request.method, target: request.url, headers: request.headers, body: 'streamed' });
      if (!verified.ok) return send(endpoint, request, reply, { status: verified.status, error: verified.error });
      const body = request.body;
      if ((request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() !== contentType || Buffer.isBuffer(body) || !isStream(body)) {
        return send(endpoint, request, reply, { status: 415, error: { code: 'unsupportedMediaType', message: `send the frames as ${contentType}` } });
      }
      const terminal = verified.value;
      const key = Buffer.from(terminal.secret, 'base64url');
      let previous = String(request.headers[authHeaderNames.signature]);
      const reader = new FrameReader(body, maxBytes);
      const answer: UploadFramesAnswer = { results: [] };
      for (;;) {
        const read = await reader.next();
        if (read.kind === 'end') break;
        if (read.kind !== 'frame') {
          answer.stopped = { code: read.kind === 'tooLarge' ? 'tooLarge' : 'invalidRequest', message: read.message };
          break;
        }
        if (answer.results.length === endpoint.maxFrames) {
          answer.stopped = { code: 'tooLarge', message: `at most ${endpoint.maxFrames} frames in one request` };
          break;
        }
        const { signature, ...frame } = read.header;
        const expected = createHmac('sha256', key).update(canonicalFrame(previous, frame, createHash('sha256').update(read.data).digest('hex'))).digest();
        const given = Buffer.from(signature, 'base64url');
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          answer.stopped = { code: 'badSignature', message: `frame ${answer.results.length + 1}'s signature does not match it, its place or this request` };
          break;
        }
        previous = signature;
        const outcome = await uploadChunk(sync, terminal, frame, read.data);
        answer.results.push(outcome.ok ? { ok: true, answer: outcome.value } : { ok: false, httpStatus: outcome.status, error: outcome.error });
      }
      return send(endpoint, request, reply, { status: 200, body: answer });
    } catch (error) {
      return sendFailure(endpoint, request, reply, error);
    }
  });
}

function isStream(body: unknown): body is AsyncIterable<Buffer> {
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body;
}
