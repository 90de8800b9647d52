// The demo catalog (platform/catalog/demo-catalog.json) is a valid catalog document covering the departments a kiosk
// demo needs, with instant-approval rules on some items and bundles.
import { expect, it } from 'vitest';
import { CatalogDocument } from '../../contracts/catalog';
import demoCatalog from './demo-catalog.json' with { type: 'json' };

it('validates against the catalog schema', () => {
  const result = CatalogDocument.safeParse(demoCatalog);
  expect(result.error?.issues ?? []).toEqual([]);
});

it('covers 社保, 医保, 公积金, 不动产, 公安, 市场监管, 税务 and 民政, with rules and bundles', () => {
  const doc = CatalogDocument.parse(demoCatalog);
  expect(doc.items.length).toBeGreaterThanOrEqual(10);
  const topics = new Set(doc.items.flatMap((i) => i.topics));
  for (const topic of ['社保', '医保', '公积金', '不动产', '公安', '市场监管', '税务', '民政']) expect(topics).toContain(topic);
  expect(doc.items.filter((i) => i.instantApproval).length).toBeGreaterThanOrEqual(5);
  expect(doc.items.some((i) => !i.instantApproval)).toBe(true);
  expect(doc.bundles.length).toBeGreaterThanOrEqual(1);
  // Every item done at a terminal offers more than face verification, and personal fields are marked.
  for (const item of doc.items) {
    expect(item.terminal.identityModes.some((m) => m !== 'idCardFace')).toBe(true);
    expect(item.form.find((f) => f.name === 'idNumber')?.personal).toBe(true);
  }
});
