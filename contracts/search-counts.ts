// Hot searches (热搜): what citizens search for, counted per day on the kiosk and reported with heartbeats
// (`HeartbeatRequest.searchCounts`). A search box can receive a person's name or ID number, so only a search that
// matched catalog items and that the citizen then used (opened an item from its results) is counted, and only in a
// form that cannot carry an ID or phone number:
//
// 1. normalised: Unicode NFKC (full-width letters and digits become ASCII), lower case, trimmed, inner spaces as one;
// 2. 1–24 characters (a name of a service is short; a longer text is more likely a sentence about a person);
// 3. at most 4 digits (an age, a year); a query with more digits counts only as a search by item code: its letters and
//    digits must begin the opened item's code, and it is reported as that item's code. An ID number (15 or 18
//    digits), a mobile (11) or a landline (7+) is therefore never counted, whatever else matched.
//
// Delivery: each entry carries the day's running total for (day, query), not an increment. A heartbeat whose answer
// was lost is sent again with the same or higher totals; the platform keeps the highest total it saw, so a repeat
// neither loses nor doubles a count.
import { z } from 'zod';

export const maxSearchQueryLength = 24;
/** More digits than this mark a search by item code (or personal data), never a search by words. */
export const maxSearchQueryDigits = 4;
/** At most this many entries per heartbeat; more wait for the next one. */
export const maxSearchCountsPerHeartbeat = 200;

export function normaliseSearchQuery(raw: string): string {
  return raw.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ');
}

const digitCount = (text: string): number => text.replace(/\D/g, '').length;

/** A counted query with this many digits is an item code (rule 3): the platform keeps it only when its catalog has it. */
export const isItemCodeSearch = (query: string): boolean => digitCount(query) > maxSearchQueryDigits;
const codeKey = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** What a used search counts as (see the rule above), or undefined when it must not be counted. */
export function countableSearch(rawQuery: string, openedItemCode: string): string | undefined {
  const query = normaliseSearchQuery(rawQuery);
  if (query.length === 0 || [...query].length > maxSearchQueryLength) return undefined;
  if (digitCount(query) <= maxSearchQueryDigits) return query;
  const key = codeKey(query);
  // Only letters, digits and separators (no other text around a code), all of them the start of the opened item's code.
  const onlyCode = key.length === [...query.replace(/[\s._-]/g, '')].length;
  return onlyCode && codeKey(openedItemCode).startsWith(key) ? normaliseSearchQuery(openedItemCode) : undefined;
}

/** A China Standard Time day, yyyy-mm-dd. */
export const SearchDay = z.iso.date();

export const SearchCount = z.strictObject({
  day: SearchDay,
  /** Normalised; longer than 24 characters or with more than 4 digits only as an item code (checked by the platform). */
  query: z
    .string()
    .min(1)
    .max(64)
    .refine((q) => normaliseSearchQuery(q) === q && ([...q].length <= maxSearchQueryLength || isItemCodeSearch(q)), 'not a normalised query'),
  /** The day's total so far on this terminal (not an increment). */
  count: z.number().int().positive().max(1_000_000),
});
export type SearchCount = z.infer<typeof SearchCount>;
