import type { RatingService } from '../../services/rating-service';
import type { KioskApiHandlers } from '../kiosk-api-server';

/** `rating.submit`: a rating (好差评) stored durably in the outbox; answered only then. */
export function ratingSubmit(ratings: RatingService): KioskApiHandlers['rating.submit'] {
  return (rating) => ratings.submit(rating);
}
