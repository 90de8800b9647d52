// 无感审批: once the citizen is identified, the items the platform proposes for them come first; each can be taken
// up with the identity already checked. With none (or offline) the journey goes straight on to its own form.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Suggestion } from '../../../contracts/kiosk-api';
import { useKioskApi } from '../../api/kiosk-api-context';
import { useSpokenInstructions } from '../../speech/speech-context';
import type { StepProps } from '../step-props';

export function SuggestionsStep(props: StepProps) {
  const { t } = useTranslation();
  const api = useKioskApi();
  const { sessionId, dispatch } = props;
  const [suggestions, setSuggestions] = useState<Suggestion[] | undefined>();
  const [opening, setOpening] = useState<string | undefined>();
  const [failed, setFailed] = useState(false);
  // Said only once there is something to choose: with no suggestions the journey moves straight on.
  useSpokenInstructions(suggestions ? t('journey.spoken.suggestions') : undefined);

  // Asked once, when the citizen has just been identified.
  useEffect(() => {
    let stopped = false;
    api.invoke('suggestions.get', { sessionId }).then(
      (answer) => {
        if (stopped) return;
        const proposed = answer.ok ? answer.suggestions.filter((s) => s.itemCode !== props.form.code) : [];
        if (proposed.length === 0) dispatch({ type: 'suggestionsDone' });
        else setSuggestions(proposed);
      },
      () => !stopped && dispatch({ type: 'suggestionsDone' }),
    );
    return () => {
      stopped = true;
    };
  }, [api, sessionId, dispatch, props.form.code]);

  const take = async (suggestion: Suggestion) => {
    setOpening(suggestion.itemCode);
    setFailed(false);
    try {
      const answer = await api.invoke('catalog.getForm', { itemCode: suggestion.itemCode });
      if (answer.found) return dispatch({ type: 'switchItem', form: answer.form, confirmOnly: suggestion.confirmOnly });
      setFailed(true);
    } catch {
      setFailed(true);
    } finally {
      setOpening(undefined);
    }
  };

  if (!suggestions) {
    return (
      <section className="step" data-testid="step-suggestions">
        <p className="step-status" role="status">
          {t('journey.suggestions.loading')}
        </p>
      </section>
    );
  }
  return (
    <section className="step step-suggestions" data-testid="step-suggestions">
      <h2>{t('journey.suggestions.title')}</h2>
      <p>{t('journey.suggestions.hint')}</p>
      <ul className="suggestion-list">
        {suggestions.map((s) => (
          <li key={s.itemCode} className="suggestion" data-testid="suggestion">
            <div>
              <span className="suggestion-name">{s.name}</span>
              <span className="suggestion-reason">{s.reason}</span>
            </div>
            <button type="button" className="action" data-testid="suggestion-take" disabled={opening !== undefined} onClick={() => void take(s)}>
              {s.confirmOnly ? t('journey.suggestions.confirm') : t('journey.suggestions.apply')}
            </button>
          </li>
        ))}
      </ul>
      {failed && (
        <p className="step-error" role="alert">
          {t('journey.unavailable')}
        </p>
      )}
      <div className="step-actions">
        <button type="button" className="action action-secondary" data-testid="suggestions-skip" onClick={() => dispatch({ type: 'suggestionsDone' })}>
          {t('journey.suggestions.continue', { name: props.form.name })}
        </button>
      </div>
    </section>
  );
}
