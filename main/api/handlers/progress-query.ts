import type { ProgressService } from '../../services/progress-service';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `progress.query`: a case by number or receipt code; `pending` from the outbox while the platform has not answered. */
export function progressQuery(progress: ProgressService): KioskApiHandlers['progress.query'] {
  return ({ reference }) => progress.query(reference);
}
