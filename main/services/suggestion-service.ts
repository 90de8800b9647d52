// `suggestions.get`: the items the platform proposes for the person this session identified (无感审批), asked
// online; offline the screen simply shows none.
import type { SuggestionsResult } from '../../contracts/kiosk-api';
import type { PlatformOnline } from './citizen-services';
import { lookupIdentity } from './prefill-service';
import type { ServiceLogger } from './service-logger';
import { identityFieldValue } from './session-identity';
import type { SessionStore } from './session-store';

export class SuggestionService {
  readonly #sessions: SessionStore;
  readonly #platform: PlatformOnline | undefined;
  readonly #logger: ServiceLogger;

  constructor(options: { sessions: SessionStore; platform: PlatformOnline | undefined; logger: ServiceLogger }) {
    this.#sessions = options.sessions;
    this.#platform = options.platform;
    this.#logger = options.logger;
  }

  async suggestions(sessionId: string): Promise<SuggestionsResult> {
    const session = this.#sessions.get(sessionId);
    if (!session) return fail('noSession', 'no such session (it ended or never started)');
    const identity = lookupIdentity(session);
    const idNumber = identity && identityFieldValue(identity, 'idCard.idNumber');
    if (!idNumber) return fail('noIdentity', 'no identity in this session');
    if (!this.#platform) return fail('offline', 'this kiosk has no platform connection');
    const platform = this.#platform;
    const answer = await session.track(() => platform.request('suggestions', { body: { idNumber } }));
    if (!answer.ok) {
      this.#logger.warn({ session: session.id, failure: answer.failure.kind }, 'suggestions not available');
      return fail('offline', `the platform did not answer (${answer.failure.kind})`);
    }
    return { ok: true, suggestions: answer.value.suggestions };
  }
}

function fail(code: 'noSession' | 'noIdentity' | 'offline', message: string): SuggestionsResult {
  return { ok: false, error: { code, message } };
}
