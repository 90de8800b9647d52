import { describe, expect, it } from 'vitest';
import type { CardSummary, ItemForm } from '../../contracts/kiosk-api';
import { type JourneyEvent, type JourneyState, canGoBack, initialJourney, journeyReducer, openPaths } from './journey-state';

const form: ItemForm = {
  code: '370200-000111004000',
  name: '失业保险金申领',
  kind: 'item',
  itemCodes: ['370200-000111004000'],
  fields: [
    { name: 'applicantName', label: '申请人姓名', type: 'text', required: true, prefill: 'idCard.name', personal: true },
    { name: 'contributionMonths', label: '累计缴费月数', type: 'number', required: true, prefill: 'sharedData', personal: false },
    { name: 'registered', label: '已办理失业登记', type: 'boolean', required: true, prefill: 'sharedData', personal: false },
    { name: 'phone', label: '联系电话', type: 'phone', required: true, personal: true },
  ],
  materials: [{ code: 'separation-proof', name: '解除劳动关系证明', required: true, forms: ['paper'], copies: 1, sharedDataSkippable: true }],
  identityModes: ['idCardFace', 'networkIdQr', 'staffAssisted'],
  scanning: true,
  printing: true,
  certificate: false,
  instantApproval: true,
};
const card: CardSummary = { cardType: 'resident', name: '张三', maskedIdNumber: '370***********1234', gender: 'male' };

const run = (events: JourneyEvent[], from: JourneyState = initialJourney(form.code)) => events.reduce(journeyReducer, from);
const started: JourneyEvent = { type: 'started', sessionId: '0190a1b2-0000-7000-8000-000000000001', form };

describe('journey state machine', () => {
  it('ID card → consent → face match → suggestions → form → materials → review → result', () => {
    const steps: string[] = [];
    let state = initialJourney(form.code);
    for (const event of [
      started,
      { type: 'choosePath', path: 'idCardFace' },
      { type: 'cardRead', card },
      { type: 'consent', given: true },
      { type: 'faceAnswered', match: true, attemptsLeft: 2, demo: true },
      { type: 'suggestionsDone' },
      { type: 'next' },
      { type: 'next' },
      { type: 'submitted', transactionId: 't1', acceptedAt: '2026-01-01T00:00:00Z' },
    ] satisfies JourneyEvent[]) {
      state = journeyReducer(state, event);
      steps.push(state.step);
    }
    expect(steps).toEqual(['chooseIdentity', 'card', 'consent', 'face', 'suggestions', 'form', 'materials', 'review', 'result']);
    expect(state.identity).toEqual({ kind: 'card', card, demo: true });
    expect(state.submitted?.transactionId).toBe('t1');
  });

  it('a face that does not match: retry while attempts are left, then the card path closes and another is offered', () => {
    const atFace = run([started, { type: 'choosePath', path: 'idCardFace' }, { type: 'cardRead', card }, { type: 'consent', given: true }]);
    const once = journeyReducer(atFace, { type: 'faceAnswered', match: false, attemptsLeft: 1, demo: true });
    expect(once).toMatchObject({ step: 'face', faceMismatch: { attemptsLeft: 1 } });
    expect(once.identity).toBeUndefined();
    const out = journeyReducer(once, { type: 'faceAnswered', match: false, attemptsLeft: 0, demo: true });
    expect(out).toMatchObject({ step: 'chooseIdentity', notice: 'faceExhausted' });
    expect(openPaths(out)).toEqual(['networkIdQr', 'staffAssisted']);
    expect(journeyReducer(out, { type: 'choosePath', path: 'idCardFace' }).step).toBe('chooseIdentity');
    expect(journeyReducer(out, { type: 'choosePath', path: 'networkIdQr' })).toMatchObject({ step: 'qr', notice: undefined });
  });

  it('declined consent and a face service that is down both lead back to the choice with the reason', () => {
    const atConsent = run([started, { type: 'choosePath', path: 'idCardFace' }, { type: 'cardRead', card }]);
    expect(journeyReducer(atConsent, { type: 'consent', given: false })).toMatchObject({ step: 'chooseIdentity', notice: 'consentDeclined' });
    const down = run([{ type: 'consent', given: true }, { type: 'faceUnavailable' }], atConsent);
    expect(down).toMatchObject({ step: 'chooseIdentity', notice: 'faceUnavailable' });
    expect(openPaths(down)).not.toContain('idCardFace');
  });

  it('the QR path identifies at once; an item with one path skips the choice', () => {
    const qr = run([started, { type: 'choosePath', path: 'networkIdQr' }, { type: 'qrIdentified', identity: { method: 'networkIdQr', name: '张三', maskedIdNumber: '370***1234', demo: true } }]);
    expect(qr.step).toBe('suggestions');
    expect(qr.identity?.kind).toBe('qr');
    const single = run([{ type: 'started', sessionId: started.sessionId, form: { ...form, identityModes: ['networkIdQr'] } }]);
    expect(single.step).toBe('qr');
  });

  it('prefill fills unlocked values the citizen has not typed, and never locked ones', () => {
    const atForm = run([started, { type: 'choosePath', path: 'networkIdQr' }, { type: 'setField', name: 'contributionMonths', value: '20' }]);
    const filled = journeyReducer(atForm, {
      type: 'prefilled',
      prefill: {
        code: form.code,
        fields: {
          applicantName: { display: '张*', source: 'idCard', locked: true },
          contributionMonths: { display: '36', source: 'sharedData', locked: false },
          registered: { display: '是', source: 'sharedData', locked: false },
        },
        materialsFromSharedData: ['separation-proof'],
        sharedDataAvailable: true,
      },
    });
    expect(filled.values).toEqual({ contributionMonths: '20', registered: true });
  });

  it('a confirm-only suggestion goes straight to review with the new form; back and forth between form, materials, review', () => {
    const atSuggestions = run([started, { type: 'choosePath', path: 'networkIdQr' }, { type: 'qrIdentified', identity: { method: 'appQr', name: '张三', maskedIdNumber: '370***1234', demo: false } }]);
    const other = { ...form, code: '370200-000114007000', name: '高龄津贴申领', materials: [] };
    const confirm = journeyReducer(atSuggestions, { type: 'switchItem', form: other, confirmOnly: true });
    expect(confirm).toMatchObject({ step: 'review', values: {}, prefill: undefined });
    expect(journeyReducer(confirm, { type: 'back' }).step).toBe('form');
    const review = run([{ type: 'suggestionsDone' }, { type: 'next' }, { type: 'next' }], atSuggestions);
    expect(review.step).toBe('review');
    expect(journeyReducer(review, { type: 'back' }).step).toBe('materials');
    expect(canGoBack({ ...review, step: 'form' })).toBe(false);
    expect(canGoBack({ ...review, step: 'result' })).toBe(false);
  });

  it('ignores events that do not belong to the step on screen', () => {
    const atForm = run([started, { type: 'choosePath', path: 'networkIdQr' }]);
    expect(journeyReducer(atForm, { type: 'submitted', transactionId: 't', acceptedAt: 'x' })).toBe(atForm);
    expect(journeyReducer(atForm, { type: 'suggestionsDone' })).toBe(atForm);
    expect(run([{ type: 'startFailed', reason: 'notFound' }])).toMatchObject({ step: 'startFailed', startError: 'notFound' });
  });
});
