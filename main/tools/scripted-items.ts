// The items `npm run simulate` applies for, taken from an item catalog (the demo catalog by default): each with a
// form filled the way a citizen would, card fields left for the Node side to fill, and the materials to scan.
import { readFile } from 'node:fs/promises';
import { CatalogDocument, type FormField, type Item } from '../../contracts/catalog';
import type { CardField } from '../../contracts/kiosk-api';
import type { JsonValue } from '../outbox/outbox-types';

export interface ScriptedItem {
  itemCode: string;
  /** What the citizen types or picks. */
  form: Record<string, JsonValue>;
  /** Fields filled from the card on the Node side (the catalog's `prefill: idCard.*`). */
  fromIdCard: Record<string, CardField>;
  /** Fields prefilled from the card's address: filled from the card when it has one (foreign cards do not), else typed. */
  addressFields: string[];
  /** Materials to scan, other than the ID card itself (read, not scanned). */
  materialCodes: string[];
}

export type LoadItemsResult = { ok: true; items: ScriptedItem[] } | { ok: false; error: string };

/** Reads and validates the catalog; items done at a terminal with scanning, or any done at a terminal if none scan. */
export async function loadScriptedItems(file: string): Promise<LoadItemsResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return { ok: false, error: `catalog ${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = CatalogDocument.safeParse(raw);
  if (!parsed.success) return { ok: false, error: `catalog ${file}: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const available = parsed.data.items.filter((item) => item.terminal.available);
  const scanning = available.filter((item) => item.terminal.scanning);
  const chosen = scanning.length > 0 ? scanning : available;
  if (chosen.length === 0) return { ok: false, error: `catalog ${file}: no item can be done at a terminal` };
  return { ok: true, items: chosen.map(scriptItem) };
}

function scriptItem(item: Item): ScriptedItem {
  const scripted: ScriptedItem = {
    itemCode: item.implementationCode,
    form: {},
    fromIdCard: {},
    addressFields: [],
    materialCodes: item.materials.map((m) => m.code).filter((code) => code !== 'id-card'),
  };
  for (const field of item.form) {
    if (field.prefill === 'idCard.address') {
      scripted.addressFields.push(field.name);
      scripted.form[field.name] = typedValue(field);
    } else if (field.prefill?.startsWith('idCard.')) {
      scripted.fromIdCard[field.name] = field.prefill as CardField;
    } else {
      scripted.form[field.name] = typedValue(field);
    }
  }
  return scripted;
}

/** A plausible entry for a field (fictional values only). */
function typedValue(field: FormField): JsonValue {
  switch (field.type) {
    case 'number':
      return 12;
    case 'boolean':
      return true;
    case 'date':
      return '2026-01-15';
    case 'phone':
      return '13800000000';
    case 'idNumber':
      return '11010519491231002X';
    case 'select':
      return field.options?.[0]?.value ?? '';
    case 'text':
      return `模拟${field.label}`.slice(0, 100);
  }
}
