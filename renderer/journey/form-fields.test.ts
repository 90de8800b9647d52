import { describe, expect, it } from 'vitest';
import type { ItemForm } from '../../contracts/kiosk-api';
import { formProblems, keptFromPrefill, submission } from './form-fields';
import { type JourneyState, initialJourney, journeyReducer } from './journey-state';

const form: ItemForm = {
  code: '370200-000150901000',
  name: '育儿补贴申领',
  kind: 'item',
  itemCodes: ['370200-000150901000'],
  fields: [
    { name: 'applicantName', label: '申请人姓名', type: 'text', required: true, prefill: 'idCard.name', personal: true },
    { name: 'phone', label: '联系电话', type: 'phone', required: true, prefill: 'sharedData', personal: true },
  ],
  materials: [],
  identityModes: ['networkIdQr'],
  scanning: false,
  printing: true,
  certificate: false,
  instantApproval: false,
};

/** Started and prefilled as `form.prefill` answers for a person whose phone number shared data holds. */
function prefilled(): JourneyState {
  const started = journeyReducer(initialJourney(form.code), { type: 'started', sessionId: '0190a1b2-0000-7000-8000-000000000001', form });
  return journeyReducer(started, {
    type: 'prefilled',
    prefill: {
      code: form.code,
      fields: { applicantName: { display: '陈*文', source: 'idCard', locked: true }, phone: { display: '137****0002', source: 'sharedData', locked: false } },
      materialsFromSharedData: [],
      sharedDataAvailable: true,
    },
  });
}

describe('a prefilled phone number the citizen may type over', () => {
  it('left as it was: sent from the session, not checked as typed (its masked display is no phone number)', () => {
    const state = prefilled();
    const phone = form.fields[1]!;
    expect(keptFromPrefill(state, phone)).toBe(true);
    expect(formProblems(state, form).size).toBe(0);
    expect(submission(state, form)).toEqual({ form: {}, fromSession: ['applicantName', 'phone'], materialsFromSharedData: [] });
  });

  it('typed over: sent as typed and checked', () => {
    const state = journeyReducer(prefilled(), { type: 'setField', name: 'phone', value: '1391234' });
    expect(keptFromPrefill(state, form.fields[1]!)).toBe(false);
    expect(formProblems(state, form).get('phone')).toBe('incomplete');
    expect(submission(state, form)).toMatchObject({ form: { phone: '1391234' }, fromSession: ['applicantName'] });
  });
});
