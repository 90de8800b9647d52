import type { Dispatch } from 'react';
import type { ItemForm } from '../../contracts/kiosk-api';
import type { JourneyEvent, JourneyState } from './journey-state';

/** What every step after the start gets: the journey so far (with its session and form) and the way to report. */
export interface StepProps {
  state: JourneyState;
  sessionId: string;
  form: ItemForm;
  dispatch: Dispatch<JourneyEvent>;
  /** An item's name from the catalog in use, for a bundle's items and for suggestions. */
  itemName(code: string): string | undefined;
}
