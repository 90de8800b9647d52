// After the outbox accepted the application: the platform's answer (case number, 秒批 outcome with reasons) or
// "accepted, the result will follow" with the receipt code; then the receipt and, when approved and the item issues
// one, the certificate are printed. "Rate" opens 好差评 for this case (by its case number, else the receipt code);
// "Done" hands over to the session rules (renderer/session/): the take-your-card and take-your-receipt reminder, the
// wipe, the attract screen.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransactionResult } from '../../../contracts/kiosk-api';
import { useKioskApi } from '../../api/kiosk-api-context';
import { useBusy } from '../../session/idle-context';
import type { StepProps } from '../step-props';

type Document = 'receipt' | 'certificate';
type Printing = { state: 'printing' } | { state: 'printed' } | { state: 'failed'; code: string };

/** How long the screen waits for the platform's answer before it says the result will follow. */
const answerWaitSeconds = 15;

export function ResultStep(props: StepProps & { onFinish(): void; onRate(reference: string): void }) {
  const { t } = useTranslation();
  const api = useKioskApi();
  const { form, sessionId } = props;
  const transactionId = props.state.submitted?.transactionId ?? '';
  const [result, setResult] = useState<TransactionResult | undefined>();
  const [printing, setPrinting] = useState<Partial<Record<Document, Printing>>>({});
  const busy = result === undefined || Object.values(printing).some((p) => p.state === 'printing');
  useBusy(busy);

  const print = async (document: Document): Promise<boolean> => {
    setPrinting((p) => ({ ...p, [document]: { state: 'printing' } }));
    try {
      const answer = await api.invoke(document === 'receipt' ? 'print.receipt' : 'print.certificate', { sessionId, transactionId });
      setPrinting((p) => ({ ...p, [document]: answer.ok ? { state: 'printed' } : { state: 'failed', code: answer.error.code } }));
      return answer.ok;
    } catch {
      setPrinting((p) => ({ ...p, [document]: { state: 'failed', code: 'broken' } }));
      return false;
    }
  };

  useEffect(() => {
    let stopped = false;
    void (async () => {
      let answer: TransactionResult;
      try {
        answer = await api.invoke('transaction.result', { transactionId, waitSeconds: answerWaitSeconds });
      } catch {
        answer = { state: 'unknown' };
      }
      if (stopped) return;
      setResult(answer);
      if (!form.printing) return;
      const receipt = await print('receipt');
      if (!stopped && receipt && form.certificate && answer.state === 'answered' && answer.outcome === 'approved') await print('certificate');
    })();
    return () => {
      stopped = true;
    };
    // Once per submitted transaction.
  }, [transactionId]);

  const printLine = (document: Document) => {
    const status = printing[document];
    if (!status) return null;
    return (
      <div className={`print-status print-${status.state}`} data-testid={`print-${document}`} role="status">
        <span>{t(`journey.result.print.${document}.${status.state}`)}</span>
        {status.state === 'failed' && (
          <>
            <span>{t(`journey.result.printError.${status.code}`, { defaultValue: t('journey.result.printError.other') })}</span>
            <button type="button" className="pill" onClick={() => void print(document)}>
              {t('journey.result.printAgain')}
            </button>
          </>
        )}
      </div>
    );
  };

  return (
    <section className="step step-result" data-testid="step-result">
      <h2 className="result-headline" data-testid="result-headline">
        {t('journey.result.submitted')}
      </h2>
      {result === undefined && (
        <p className="step-status" role="status">
          {t('journey.result.waiting')}
        </p>
      )}
      {result?.state === 'answered' && (
        <div className={`result-box result-${result.outcome ?? 'normal'}`} data-testid="result-answer">
          <p className="result-case">{t('journey.result.caseNumber', { caseNumber: result.caseNumber })}</p>
          <p className="result-outcome" data-testid="result-outcome">
            {t(`journey.result.outcome.${result.outcome ?? 'normal'}`)}
          </p>
          {result.reasons.length > 0 && (
            <ul className="result-reasons">
              {result.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {result !== undefined && result.state !== 'answered' && (
        <div className="result-box" data-testid="result-pending">
          <p>{t(`journey.result.${result.state}`)}</p>
          <p className="result-case">{t('journey.result.receiptCode', { code: transactionId })}</p>
        </div>
      )}
      {printLine('receipt')}
      {printLine('certificate')}
      <div className="step-actions">
        {result !== undefined && (
          <button
            type="button"
            className="action action-secondary"
            data-testid="result-rate"
            onClick={() => props.onRate(result.state === 'answered' ? result.caseNumber : transactionId)}
          >
            {t('journey.result.rate')}
          </button>
        )}
        <button type="button" className="action action-next" data-testid="result-done" disabled={busy} onClick={props.onFinish}>
          {t('journey.result.done')}
        </button>
      </div>
    </section>
  );
}
