// Everything on one screen before it is sent, personal values masked; "submit" stores it in the outbox and only an
// `ok: true` answer moves on to say it was submitted.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmitErrorCode } from '../../../contracts/kiosk-api';
import { useKioskApi } from '../../api/kiosk-api-context';
import { useBusy } from '../../session/idle-context';
import { coveredMaterials, formProblems, isLocked, prefillOf, submission } from '../form-fields';
import { maskValue } from '../mask';
import type { StepProps } from '../step-props';

export function ReviewStep(props: StepProps) {
  const { t } = useTranslation();
  const api = useKioskApi();
  const { state, form, sessionId, dispatch } = props;
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<SubmitErrorCode | 'broken' | undefined>();
  useBusy(submitting);
  const prefill = prefillOf(state);
  const covered = coveredMaterials(state);
  const incomplete = formProblems(state, form).size > 0;

  const submit = async () => {
    if (submitting) return;
    setSubmitting(true);
    setError(undefined);
    try {
      const answer = await api.invoke('transaction.submit', { sessionId, itemCode: form.code, ...submission(state, form) });
      if (answer.ok) return dispatch({ type: 'submitted', transactionId: answer.transactionId, acceptedAt: answer.acceptedAt });
      setError(answer.error.code);
    } catch {
      setError('broken');
    } finally {
      setSubmitting(false);
    }
  };

  const shownValue = (field: StepProps['form']['fields'][number]): string => {
    if (isLocked(state, field)) return prefill?.fields[field.name]?.display ?? '';
    const value = state.values[field.name];
    if (value === undefined || value === '') return t('journey.review.empty');
    if (typeof value === 'boolean') return t(value ? 'journey.form.yes' : 'journey.form.no');
    if (field.type === 'select') return field.options?.find((o) => o.value === value)?.label ?? value;
    return maskValue(field, value);
  };

  const identity = state.identity;
  return (
    // Focusable: while submitting, the scrolling summary holds no enabled control to reach it by keyboard.
    <section className="step step-review" data-testid="step-review" tabIndex={0}>
      <h2>{t('journey.review.title')}</h2>
      <div className="review-body">
        {form.kind === 'bundle' && (
          <section className="review-part" data-testid="bundle-items">
            <h3>{t('journey.review.bundleItems')}</h3>
            <ul>
              {form.itemCodes.map((code) => (
                <li key={code}>{props.itemName(code) ?? code}</li>
              ))}
            </ul>
          </section>
        )}
        {identity && (
          <section className="review-part">
            <h3>{t('journey.review.applicant')}</h3>
            <p data-testid="review-applicant">
              {t('journey.review.identity', {
                name: maskValue({ type: 'text', personal: true }, identity.kind === 'card' ? identity.card.name : identity.identity.name),
                number: identity.kind === 'card' ? identity.card.maskedIdNumber : identity.identity.maskedIdNumber,
                method: t(`journey.review.method.${identity.kind === 'card' ? 'idCardFace' : identity.identity.method}`),
              })}
            </p>
          </section>
        )}
        <section className="review-part">
          <h3>{t('journey.review.fields')}</h3>
          <dl className="review-fields">
            {form.fields.map((field) => (
              <div key={field.name} className="review-field" data-testid={`review-${field.name}`}>
                <dt>{field.label}</dt>
                <dd>{shownValue(field)}</dd>
              </div>
            ))}
          </dl>
        </section>
        {form.materials.length > 0 && (
          <section className="review-part">
            <h3>{t('journey.review.materials')}</h3>
            <ul>
              {form.materials.map((m) => {
                const pages = state.pages[m.code]?.length ?? 0;
                let status = t('journey.review.notScanned');
                if (covered.has(m.code)) status = t('journey.review.covered');
                else if (pages > 0) status = t('journey.review.pages', { count: pages });
                return (
                  <li key={m.code} data-testid={`review-material-${m.code}`}>
                    {m.name}: {status}
                  </li>
                );
              })}
            </ul>
          </section>
        )}
      </div>
      <div className="step-actions">
        {error && (
          <p className="step-error" role="alert" data-testid="submit-error">
            {t(`journey.review.error.${error}`)}
          </p>
        )}
        {incomplete && <p className="step-notice">{t('journey.review.incomplete')}</p>}
        <button type="button" className="action action-next" data-testid="submit" disabled={submitting || incomplete} onClick={() => void submit()}>
          {submitting ? t('journey.review.submitting') : t('journey.review.submit')}
        </button>
      </div>
    </section>
  );
}
