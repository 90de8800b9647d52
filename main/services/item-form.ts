// What a journey collects for an item or a bundle (一件事): for a bundle, the union of its items' fields (same name =
// one field, required when any item requires it) and materials (same code = once), the identity modes every item
// accepts, and what the kiosk prints.
import { type CatalogDocument, type FormField, type Item, type Material, findEntry } from '../../contracts/catalog';
import type { ItemForm, ScreenFormField } from '../../contracts/kiosk-api';

type ParsedField = Item['form'][number];
type ParsedMaterial = Item['materials'][number];

/**
 * Print templates that put a certificate on A4: the `-a4` ones (`proof-a4`) and the business licence. Everything
 * else (`receipt-80mm`) is a receipt only.
 */
export function isCertificateTemplate(template: string | undefined): boolean {
  return template !== undefined && (template.endsWith('-a4') || template === 'business-licence');
}

export function buildItemForm(document: CatalogDocument, code: string): ItemForm | undefined {
  const entry = findEntry(document, code);
  if (!entry) return undefined;
  const items = entry.kind === 'item' ? [entry.item] : entry.items;
  if (items.length === 0) return undefined;
  const modes = items.map((i) => new Set(i.terminal.identityModes));
  return {
    code,
    name: entry.kind === 'item' ? entry.item.name : entry.bundle.name,
    kind: entry.kind,
    itemCodes: items.map((i) => i.implementationCode),
    fields: unionFields(items.flatMap((i) => i.form)),
    materials: unionMaterials(items.flatMap((i) => i.materials)),
    identityModes: items[0]!.terminal.identityModes.filter((mode) => modes.every((m) => m.has(mode))),
    scanning: items.some((i) => i.terminal.scanning),
    printing: items.some((i) => i.terminal.printTemplate !== undefined),
    certificate: items.some((i) => isCertificateTemplate(i.terminal.printTemplate)),
    // A bundle is approved at once only when every item is (platform/README.md, "Instant approval").
    instantApproval: items.every((i) => i.instantApproval !== undefined),
  };
}

function unionFields(fields: ParsedField[]): ScreenFormField[] {
  const byName = new Map<string, ScreenFormField>();
  for (const field of fields) {
    const seen = byName.get(field.name);
    if (seen) {
      seen.required ||= field.required;
      seen.personal ||= field.personal;
      continue;
    }
    byName.set(field.name, toScreenField(field));
  }
  return [...byName.values()];
}

function toScreenField(field: ParsedField): ScreenFormField {
  const { name, label, type, required, options, prefill, personal } = field satisfies FormField;
  return { name, label, type, required, personal, ...(options ? { options } : {}), ...(prefill ? { prefill } : {}) };
}

function unionMaterials(materials: ParsedMaterial[]): ParsedMaterial[] {
  const byCode = new Map<string, ParsedMaterial>();
  for (const material of materials) {
    const seen = byCode.get(material.code);
    if (!seen) {
      byCode.set(material.code, { ...material, forms: [...material.forms] });
      continue;
    }
    seen.required ||= material.required;
    // Skipped only when every item behind it lets shared data cover it.
    seen.sharedDataSkippable &&= material.sharedDataSkippable;
    seen.copies = Math.max(seen.copies, material.copies);
    for (const form of material.forms) if (!seen.forms.includes(form)) seen.forms.push(form);
  }
  return [...byCode.values()] satisfies Material[];
}
