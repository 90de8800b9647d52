// The citizen's journey for one item or bundle as a state machine: which step is on screen and what the journey has
// collected so far. Steps do their own KioskApi calls and report the answers here as events; only this reducer
// decides where the journey goes next, so the order of steps is in one place and unit-tested.
import type { CardSummary, ItemForm, PrefilledField, QrIdentity, ScannedPageInfo } from '../../contracts/kiosk-api';
import type { IdentityMode } from '../../contracts/catalog';
import type { FieldValue } from './field-rules';

export type Step =
  | 'starting'
  | 'startFailed'
  | 'chooseIdentity'
  | 'card'
  | 'consent'
  | 'face'
  | 'qr'
  | 'staff'
  | 'suggestions'
  | 'form'
  | 'materials'
  | 'review'
  | 'result';

export type Identity = { kind: 'card'; card: CardSummary; demo: boolean } | { kind: 'qr'; identity: QrIdentity };

/** Why the identity choice is shown again: said on that screen in plain words. */
export type IdentityNotice = 'consentDeclined' | 'faceExhausted' | 'faceUnavailable';

export interface Prefill {
  /** The item or bundle code the values are for. */
  code: string;
  fields: Record<string, PrefilledField>;
  materialsFromSharedData: string[];
  sharedDataAvailable: boolean;
}

export interface JourneyState {
  step: Step;
  /** What the journey was opened for: an item or a bundle code. */
  requestedCode: string;
  sessionId?: string;
  form?: ItemForm;
  startError?: 'notFound' | 'unavailable';
  /** The card read in this session (before the face matched, it proves nothing yet). */
  card?: CardSummary;
  identity?: Identity;
  notice?: IdentityNotice;
  /** The face comparison said no; `attemptsLeft` more tries. */
  faceMismatch?: { attemptsLeft: number };
  /** Paths this journey no longer offers (the face comparison used up its attempts, or is down). */
  closedPaths: IdentityMode[];
  /** Form values from `form.prefill`; `failed` when it could not be had (then every field is typed). */
  prefill?: Prefill | 'failed';
  values: Record<string, FieldValue>;
  /** Scanned pages by material code. */
  pages: Record<string, ScannedPageInfo[]>;
  submitted?: { transactionId: string; acceptedAt: string };
}

export type JourneyEvent =
  | { type: 'started'; sessionId: string; form: ItemForm }
  | { type: 'startFailed'; reason: 'notFound' | 'unavailable' }
  | { type: 'choosePath'; path: IdentityMode }
  | { type: 'cardRead'; card: CardSummary }
  | { type: 'consent'; given: boolean }
  | { type: 'faceAnswered'; match: boolean; attemptsLeft: number; demo: boolean }
  | { type: 'faceUnavailable' }
  | { type: 'qrIdentified'; identity: QrIdentity }
  | { type: 'suggestionsDone' }
  | { type: 'switchItem'; form: ItemForm; confirmOnly: boolean }
  | { type: 'prefilled'; prefill: Prefill | 'failed' }
  | { type: 'setField'; name: string; value: FieldValue }
  | { type: 'pagesChanged'; materialCode: string; pages: ScannedPageInfo[] }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'submitted'; transactionId: string; acceptedAt: string };

const pathSteps: Record<IdentityMode, Step> = { idCardFace: 'card', networkIdQr: 'qr', appQr: 'qr', staffAssisted: 'staff' };

export function initialJourney(code: string): JourneyState {
  return { step: 'starting', requestedCode: code, closedPaths: [], values: {}, pages: {} };
}

/** The identity paths the item allows and this journey still offers, in the item's order. */
export function openPaths(state: JourneyState): IdentityMode[] {
  return (state.form?.identityModes ?? []).filter((mode) => !state.closedPaths.includes(mode));
}

/** Whether the journey has a materials step: the kiosk scans for the item and the item lists materials. */
export function hasMaterialsStep(form: ItemForm | undefined): boolean {
  return form !== undefined && form.scanning && form.materials.length > 0;
}

/** Where "back" goes from each step; absent: no way back (identity proven, or submitted). */
const backFrom: Partial<Record<Step, (state: JourneyState) => Step>> = {
  card: () => 'chooseIdentity',
  consent: () => 'chooseIdentity',
  face: () => 'chooseIdentity',
  qr: () => 'chooseIdentity',
  staff: () => 'chooseIdentity',
  materials: () => 'form',
  review: (state) => (hasMaterialsStep(state.form) ? 'materials' : 'form'),
};

export function canGoBack(state: JourneyState): boolean {
  return backFrom[state.step] !== undefined;
}

function identified(state: JourneyState, identity: Identity): JourneyState {
  return { ...state, identity, notice: undefined, faceMismatch: undefined, step: 'suggestions' };
}

/** Values from unlocked prefilled fields, where the citizen has not typed anything yet. */
function withPrefilledValues(state: JourneyState, prefill: Prefill): Record<string, FieldValue> {
  const values = { ...state.values };
  for (const field of state.form?.fields ?? []) {
    const given = prefill.fields[field.name];
    if (!given || given.locked || values[field.name] !== undefined) continue;
    if (field.type === 'boolean') {
      // Shared data says yes or no in words; anything else stays for the citizen to answer.
      if (/^(true|是|yes)$/i.test(given.display)) values[field.name] = true;
      else if (/^(false|否|no)$/i.test(given.display)) values[field.name] = false;
    } else if (field.type === 'select') {
      const option = field.options?.find((o) => o.value === given.display || o.label === given.display);
      if (option) values[field.name] = option.value;
    } else {
      values[field.name] = given.display;
    }
  }
  return values;
}

export function journeyReducer(state: JourneyState, event: JourneyEvent): JourneyState {
  switch (event.type) {
    case 'started': {
      const next: JourneyState = { ...state, sessionId: event.sessionId, form: event.form, step: 'chooseIdentity' };
      const paths = openPaths(next);
      // One way in only: no choice to make.
      return paths.length === 1 && paths[0] ? { ...next, step: pathSteps[paths[0]] } : next;
    }
    case 'startFailed':
      return { ...state, step: 'startFailed', startError: event.reason };
    case 'choosePath':
      return openPaths(state).includes(event.path) ? { ...state, step: pathSteps[event.path], notice: undefined } : state;
    case 'cardRead':
      return { ...state, card: event.card, step: 'consent' };
    case 'consent':
      return event.given ? { ...state, step: 'face', faceMismatch: undefined } : { ...state, step: 'chooseIdentity', notice: 'consentDeclined' };
    case 'faceAnswered': {
      if (event.match && state.card) return identified(state, { kind: 'card', card: state.card, demo: event.demo });
      if (event.attemptsLeft > 0) return { ...state, faceMismatch: { attemptsLeft: event.attemptsLeft } };
      return { ...state, step: 'chooseIdentity', notice: 'faceExhausted', faceMismatch: undefined, closedPaths: [...state.closedPaths, 'idCardFace'] };
    }
    case 'faceUnavailable':
      return { ...state, step: 'chooseIdentity', notice: 'faceUnavailable', closedPaths: [...state.closedPaths, 'idCardFace'] };
    case 'qrIdentified':
      return identified(state, { kind: 'qr', identity: event.identity });
    case 'suggestionsDone':
      return state.step === 'suggestions' ? { ...state, step: 'form' } : state;
    case 'switchItem':
      return { ...state, form: event.form, prefill: undefined, values: {}, pages: {}, step: event.confirmOnly ? 'review' : 'form' };
    case 'prefilled':
      if (event.prefill === 'failed') return { ...state, prefill: 'failed' };
      return { ...state, prefill: event.prefill, values: withPrefilledValues(state, event.prefill) };
    case 'setField':
      return { ...state, values: { ...state.values, [event.name]: event.value } };
    case 'pagesChanged':
      return { ...state, pages: { ...state.pages, [event.materialCode]: event.pages } };
    case 'next':
      if (state.step === 'form') return { ...state, step: hasMaterialsStep(state.form) ? 'materials' : 'review' };
      if (state.step === 'materials') return { ...state, step: 'review' };
      return state;
    case 'back': {
      const to = backFrom[state.step];
      return to ? { ...state, step: to(state) } : state;
    }
    case 'submitted':
      return state.step === 'review' ? { ...state, submitted: { transactionId: event.transactionId, acceptedAt: event.acceptedAt }, step: 'result' } : state;
  }
}
