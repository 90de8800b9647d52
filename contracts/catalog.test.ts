import { describe, expect, it } from 'vitest';
import { CatalogDocument, Condition, type Item, conditionDepth, conditionReferences, findEntry } from './catalog';

const item = (overrides: Partial<Record<keyof Item, unknown>> = {}): Record<string, unknown> => ({
  basicCode: '000112013000',
  implementationCode: 'item-1',
  name: '测试事项',
  department: { code: 'D1', name: '测试局' },
  type: 'publicService',
  level: 'municipal',
  legalBasis: [{ document: '测试条例' }],
  conditions: [],
  form: [
    { name: 'idNumber', label: '身份证号', type: 'idNumber', required: true, personal: true },
    { name: 'months', label: '月数', type: 'number', required: true },
  ],
  materials: [{ code: 'm1', name: '材料', required: true, forms: ['electronic'], sharedDataSkippable: false }],
  procedure: [{ name: '申请' }],
  timeLimits: { statutory: { value: 0, unit: 'workingDays' }, promised: { value: 0, unit: 'workingDays' } },
  fees: [],
  results: [],
  terminal: { available: true, identityModes: ['idCardFace', 'networkIdQr'], scanning: true },
  ...overrides,
});

const doc = (items: unknown[], bundles: unknown[] = []) => ({ schemaVersion: 1, version: 'v1', publishedAt: '2026-11-01T00:00:00+08:00', issuer: 'test', items, bundles });

const messages = (input: unknown): string[] => {
  const result = CatalogDocument.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('the catalog document', () => {
  it('accepts a well-formed item and fills defaults', () => {
    const parsed = CatalogDocument.parse(doc([item()]));
    expect(parsed.items[0]?.topics).toEqual([]);
    expect(parsed.items[0]?.materials[0]?.copies).toBe(1);
    expect(parsed.bundles).toEqual([]);
  });

  it('refuses rules that name fields or materials the item does not have', () => {
    const rules = {
      rules: [
        { id: 'a', check: { field: 'income', range: { min: 1 } }, onFail: 'reject', reason: 'x' },
        { id: 'b', check: { materialPresent: 'm9' }, onFail: 'review', reason: 'y' },
      ],
      approvedNote: 'ok',
    };
    expect(messages(doc([item({ instantApproval: rules })]))).toEqual([
      'rule refers to field "income", which the form does not have',
      'rule refers to material "m9", which the item does not list',
    ]);
  });

  it('refuses face verification as the only identity mode (design.md, Non-negotiables)', () => {
    expect(messages(doc([item({ terminal: { available: true, identityModes: ['idCardFace'], scanning: false } })]))).toEqual([
      'offer an identity mode besides idCardFace',
    ]);
  });

  it('refuses duplicate codes and bundles of missing items, and finds items and bundles by code', () => {
    expect(messages(doc([item(), item()]))).toEqual(['duplicate code item-1']);
    expect(messages(doc([item()], [{ code: 'b1', name: '一件事', itemCodes: ['item-1', 'item-2'] }]))).toEqual(['no item item-2 in this catalog']);
    const parsed = CatalogDocument.parse(doc([item(), item({ implementationCode: 'item-2' })], [{ code: 'b1', name: '一件事', itemCodes: ['item-1', 'item-2'] }]));
    expect(findEntry(parsed, 'item-2')).toMatchObject({ kind: 'item', item: { implementationCode: 'item-2' } });
    expect(findEntry(parsed, 'b1')).toMatchObject({ kind: 'bundle', items: [{ implementationCode: 'item-1' }, { implementationCode: 'item-2' }] });
    expect(findEntry(parsed, 'nothing')).toBeUndefined();
  });

  it('bounds how deep conditions nest', () => {
    let deep: Condition = { field: 'months', equals: 1 };
    for (let i = 0; i < 8; i++) deep = { not: deep };
    expect(conditionDepth(deep)).toBe(9);
    const rules = { rules: [{ id: 'deep', check: deep, onFail: 'reject', reason: 'x' }], approvedNote: 'ok' };
    expect(messages(doc([item({ instantApproval: rules })]))).toEqual(['conditions nest deeper than 8']);
  });
});

describe('conditions', () => {
  it('accept the rule language and refuse anything else', () => {
    expect(Condition.safeParse({ all: [{ field: 'a', in: ['x', 1] }, { any: [{ ageFromIdNumber: { field: 'id', min: 18 } }, { materialPresent: 'm1' }] }] }).success).toBe(true);
    expect(Condition.safeParse({ field: 'a', matches: '^.*$' }).success).toBe(false);
    expect(Condition.safeParse({ field: 'a', range: {} }).success).toBe(false);
    expect(Condition.safeParse({ field: 'a', range: { min: 5, max: 1 } }).success).toBe(false);
    expect(Condition.safeParse({ field: '__proto__', equals: 1 }).success).toBe(false);
  });

  it('list what they refer to', () => {
    expect(conditionReferences({ all: [{ field: 'a', present: true }, { not: { materialPresent: 'm' } }, { ageFromIdNumber: { field: 'id' } }] })).toEqual({
      fields: ['a', 'id'],
      materials: ['m'],
    });
  });
});
