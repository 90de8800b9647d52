// The DEMO identity adapter shipped with the reference platform: no real comparison happens. Face answers are scripted
// per terminal (POST /v1/identity/demo/face-script, which the kiosk's simulator control calls) and are `match` when
// nothing is scripted; QR codes resolve from a fixed list of fictional people (demo-identities.ts). Its answers say
// `demo: true` all the way to the kiosk's screen.
import type { DemoFaceAnswer } from '../../contracts/sync-api';
import { demoIdentityCodes } from './demo-identities';
import type { FaceOutcome, IdentityAdapter, QrOutcome } from './identity-adapter';

/** Scripted answers kept per terminal at most; a script longer than this is refused by the contract anyway. */
const maxQueued = 20;

export class DemoIdentityAdapter implements IdentityAdapter {
  readonly demo = true;
  readonly #scripts = new Map<string, DemoFaceAnswer[]>();

  /** Queues the next face answers for a terminal (or replaces what was queued); returns the queue. */
  script(terminalId: string, answers: readonly DemoFaceAnswer[], replace: boolean): DemoFaceAnswer[] {
    const queue = [...(replace ? [] : (this.#scripts.get(terminalId) ?? [])), ...answers].slice(-maxQueued);
    this.#scripts.set(terminalId, queue);
    return [...queue];
  }

  async compareFace(request: { terminalId: string }): Promise<FaceOutcome> {
    const queue = this.#scripts.get(request.terminalId);
    const next = queue?.shift();
    if (queue?.length === 0) this.#scripts.delete(request.terminalId);
    return next ?? 'match';
  }

  async verifyQr(request: { code: string }): Promise<QrOutcome> {
    const person = Object.hasOwn(demoIdentityCodes, request.code) ? demoIdentityCodes[request.code] : undefined;
    return person ? { result: 'person', person } : { result: 'rejected' };
  }
}
