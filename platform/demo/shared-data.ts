// Shared data (数据共享) for prefill, from the demo population: an identified person's values for the fields of an
// item (or of every item of a bundle) that take `sharedData`, and which of its materials an e-licence (电子证照) or a
// shared record covers. Only what the form asks for leaves the platform.
import { type CatalogDocument, type Item, findEntry } from '../../contracts/catalog';
import type { SharedDataAnswer, SharedValue } from '../../contracts/sync-api';
import { chinaDate, formatCivilDate } from '../approval/id-number';
import { type DemoPerson, findDemoPerson } from './demo-population';

/** The items a code names: the item, or a bundle's items; empty when the catalog has no such code. */
export function itemsOf(catalog: CatalogDocument, code: string): Item[] {
  const entry = findEntry(catalog, code);
  if (!entry) return [];
  return entry.kind === 'item' ? [entry.item] : entry.items;
}

/** Everything the demo population knows of a person as field values, children's dates worked out for `now`. */
export function personValues(person: DemoPerson, now: Date): Record<string, SharedValue> {
  const youngest = [...person.children].sort((a, b) => a.bornDaysAgo - b.bornDaysAgo)[0];
  return {
    ...person.shared,
    ...(youngest
      ? { childName: youngest.name, childGender: youngest.gender, childBirthDate: formatCivilDate(chinaDate(new Date(now.getTime() - youngest.bornDaysAgo * 86_400_000))) }
      : {}),
  };
}

/** undefined when the catalog in force has no such item or bundle. */
export function lookUpSharedData(catalog: CatalogDocument, idNumber: string, itemCode: string, now: Date): SharedDataAnswer | undefined {
  const items = itemsOf(catalog, itemCode);
  if (items.length === 0) return undefined;
  const person = findDemoPerson(idNumber);
  if (!person) return { known: false, fields: {}, materials: [] };
  const values = personValues(person, now);
  const fields: Record<string, SharedValue> = {};
  for (const field of items.flatMap((i) => i.form)) {
    const value = values[field.name];
    if (field.prefill === 'sharedData' && value !== undefined) fields[field.name] = value;
  }
  const licences = new Set(person.licences);
  const materials = [...new Set(items.flatMap((i) => i.materials).filter((m) => m.sharedDataSkippable && licences.has(m.code)).map((m) => m.code))];
  return { known: true, fields, materials };
}
