// The item's form: fields the Node side fills are shown masked and locked; the citizen fills the rest with the
// on-screen keyboards (pinyin with candidates for text, a numeric pad where only digits make sense), checked as typed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenFormField } from '../../../contracts/kiosk-api';
import { NumericPad } from '../../keyboards/NumericPad';
import { TextKeyboard } from '../../keyboards/TextKeyboard';
import { type FieldValue, deleteFromDate, typeIntoDate } from '../field-rules';
import { formProblems, isLocked, keptFromPrefill, prefillOf } from '../form-fields';
import { maskValue } from '../mask';
import type { StepProps } from '../step-props';

const padExtra: Partial<Record<ScreenFormField['type'], string>> = { idNumber: 'X', number: '.', phone: '-' };
const maxLength: Partial<Record<ScreenFormField['type'], number>> = { idNumber: 18, phone: 13, date: 10, number: 12 };
const typed = (type: ScreenFormField['type']) => type === 'text' || type in maxLength;
/** The message under the field being typed scrolls into view as it appears (it was below the fold on short screens). */
const reveal = (element: HTMLElement | null) => element?.scrollIntoView({ block: 'nearest' });

export function FormStep(props: StepProps) {
  const { t } = useTranslation();
  const { state, form, dispatch } = props;
  const prefill = prefillOf(state);
  const editable = form.fields.filter((f) => !isLocked(state, f));
  const [focused, setFocused] = useState<string | undefined>(editable.find((f) => typed(f.type))?.name);
  const [checkAll, setCheckAll] = useState(false);
  const problems = formProblems(state, form);

  if (state.prefill === undefined) {
    return (
      <section className="step" data-testid="step-form">
        <p className="step-status" role="status">
          {t('journey.form.prefilling')}
        </p>
      </section>
    );
  }

  const field = form.fields.find((f) => f.name === focused && !isLocked(state, f));
  // The first key replaces a prefilled value (shown masked): typing onto its stars would make a wrong number.
  const current = field && !keptFromPrefill(state, field) ? state.values[field.name] : undefined;
  const set = (name: string, value: FieldValue) => dispatch({ type: 'setField', name, value });
  const type = (key: string) => {
    if (!field) return;
    const text = typeof current === 'string' ? current : '';
    const next = field.type === 'date' ? typeIntoDate(text, key) : text + key;
    if (next.length <= (maxLength[field.type] ?? 100)) set(field.name, next);
  };
  const backspace = () => {
    if (field && keptFromPrefill(state, field)) return set(field.name, '');
    if (!field || typeof current !== 'string') return;
    set(field.name, field.type === 'date' ? deleteFromDate(current) : [...current].slice(0, -1).join(''));
  };

  const next = () => {
    if (problems.size === 0) return dispatch({ type: 'next' });
    setCheckAll(true);
    setFocused([...problems.keys()][0]);
  };

  return (
    <section className="step step-form" data-testid="step-form">
      <div className="form-fields">
        {prefill && !prefill.sharedDataAvailable && <p className="step-notice">{t('journey.form.sharedDataMissing')}</p>}
        {state.prefill === 'failed' && <p className="step-notice">{t('journey.form.prefillFailed')}</p>}
        {form.fields.map((f) => {
          const given = prefill?.fields[f.name];
          if (given?.locked) {
            return (
              <div key={f.name} className="field field-locked" data-testid={`field-${f.name}`}>
                <span className="field-label">{f.label}</span>
                <span className="field-value">{given.display}</span>
                <span className="tag tag-shared">{t(`journey.form.lockedFrom.${given.source}`)}</span>
              </div>
            );
          }
          const value = state.values[f.name];
          const problem = problems.get(f.name);
          const shownProblem = problem && (checkAll || (problem !== 'incomplete' && problem !== 'required')) ? problem : undefined;
          const label = (
            <span className="field-label" id={`label-${f.name}`}>
              {f.label}
              {f.required && <span className="field-required">{t('journey.form.required')}</span>}
            </span>
          );
          let control;
          if (f.type === 'boolean') {
            control = (
              <div className="choice-group" role="group" aria-labelledby={`label-${f.name}`}>
                {[true, false].map((v) => (
                  <button type="button" key={String(v)} className="choice" aria-pressed={value === v} onClick={() => set(f.name, v)}>
                    {t(v ? 'journey.form.yes' : 'journey.form.no')}
                  </button>
                ))}
              </div>
            );
          } else if (f.type === 'select') {
            control = (
              <div className="choice-group" role="group" aria-labelledby={`label-${f.name}`}>
                {(f.options ?? []).map((o) => (
                  <button type="button" key={o.value} className="choice" aria-pressed={value === o.value} onClick={() => set(f.name, o.value)}>
                    {o.label}
                  </button>
                ))}
              </div>
            );
          } else {
            const text = typeof value === 'string' ? value : '';
            // A personal value shows in full only while it is being typed.
            const shown = f.name === focused ? text : maskValue(f, text);
            control = (
              <button
                type="button"
                className="field-input"
                aria-pressed={f.name === focused}
                id={`input-${f.name}`}
                // The field's label, then what the box shows (value or hint): the spoken name holds the visible text.
                aria-labelledby={`label-${f.name} input-${f.name}`}
                data-testid={`input-${f.name}`}
                onClick={() => setFocused(f.name)}
              >
                {shown || <span className="field-placeholder">{t(`journey.form.placeholder.${f.type}`)}</span>}
              </button>
            );
          }
          return (
            <div key={f.name} className={`field${shownProblem ? ' field-bad' : ''}`} data-testid={`field-${f.name}`}>
              {label}
              {control}
              {shownProblem && (
                <span className="field-error" role="alert" data-testid={`error-${f.name}`} ref={f.name === focused ? reveal : undefined}>
                  {t(`journey.fieldError.${shownProblem}`)}
                </span>
              )}
            </div>
          );
        })}
        <div className="step-actions">
          <button type="button" className="action action-next" data-testid="form-next" onClick={next}>
            {t('journey.next')}
          </button>
        </div>
      </div>
      <div className="form-keyboard">
        {field && field.type === 'text' && <TextKeyboard key={field.name} onInsert={type} onBackspace={backspace} />}
        {field && field.type !== 'text' && typed(field.type) && (
          <NumericPad extra={padExtra[field.type]} onKey={type} onBackspace={backspace} onClear={() => set(field.name, '')} />
        )}
        {!field && <p className="step-status">{t('journey.form.pickField')}</p>}
      </div>
    </section>
  );
}
