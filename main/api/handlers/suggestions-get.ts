import type { SuggestionService } from '../../services/suggestion-service';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `suggestions.get`: the platform's proposals (无感审批) for the identified person. */
export function suggestionsGet(suggestions: SuggestionService): KioskApiHandlers['suggestions.get'] {
  return ({ sessionId }) => suggestions.suggestions(sessionId);
}
