import { describe, expect, it } from 'vitest';
import type { Condition, InstantApproval } from '../../contracts/catalog';
import { type ApprovalContext, evaluateRules, holds } from './instant-approval';
import { ageOn, birthDateFromIdNumber, chinaDate } from './id-number';

const ctx = (fields: Record<string, unknown>, materials: string[] = [], today = { year: 2026, month: 11, day: 2 }): ApprovalContext => ({
  fields,
  materials: new Set(materials),
  today,
});

describe('ID numbers and ages', () => {
  it('reads the birth date of a valid number and refuses a wrong check character or date', () => {
    expect(birthDateFromIdNumber('11010519491231002X')).toEqual({ year: 1949, month: 12, day: 31 });
    expect(birthDateFromIdNumber('110105194912310021')).toBeUndefined();
    expect(birthDateFromIdNumber('11010519490231002X')).toBeUndefined();
    expect(birthDateFromIdNumber('1101051949123100')).toBeUndefined();
  });

  it('counts whole years, with 29 February birthdays turning on 1 March', () => {
    const leap = { year: 2000, month: 2, day: 29 };
    expect(ageOn(leap, { year: 2018, month: 2, day: 28 })).toBe(17);
    expect(ageOn(leap, { year: 2018, month: 3, day: 1 })).toBe(18);
    expect(ageOn({ year: 1946, month: 11, day: 2 }, { year: 2026, month: 11, day: 2 })).toBe(80);
  });

  it('takes the day in China Standard Time', () => {
    expect(chinaDate(new Date('2026-11-01T16:00:00Z'))).toEqual({ year: 2026, month: 11, day: 2 });
    expect(chinaDate(new Date('2026-11-01T15:59:59Z'))).toEqual({ year: 2026, month: 11, day: 1 });
  });
});

describe('conditions', () => {
  const cases: [Condition, Record<string, unknown>, boolean][] = [
    [{ field: 'a', equals: 'x' }, { a: 'x' }, true],
    [{ field: 'a', equals: 1 }, { a: '1' }, false],
    [{ field: 'a', in: ['x', 'y'] }, { a: 'y' }, true],
    [{ field: 'a', range: { min: 1, max: 3 } }, { a: 3 }, true],
    [{ field: 'a', range: { min: 1 } }, { a: '5' }, false],
    [{ field: 'a', range: { max: 1 } }, { a: Number.NaN }, false],
    [{ field: 'a', present: true }, { a: '' }, false],
    [{ field: 'a', present: true }, { a: [] }, false],
    [{ field: 'a', present: true }, { a: 0 }, true],
    [{ field: 'a', equals: 'x' }, {}, false],
    [{ not: { field: 'a', equals: 'x' } }, {}, true],
    [{ field: 'constructor', present: true }, {}, false],
    [{ all: [{ field: 'a', equals: 1 }, { field: 'b', equals: 2 }] }, { a: 1, b: 3 }, false],
    [{ any: [{ field: 'a', equals: 1 }, { field: 'b', equals: 2 }] }, { a: 0, b: 2 }, true],
    [{ ageFromIdNumber: { field: 'id', min: 76, max: 76 } }, { id: '11010519491231002X' }, true],
    [{ ageFromIdNumber: { field: 'id', min: 77 } }, { id: '11010519491231002x' }, false],
    [{ ageFromIdNumber: { field: 'id', max: 200 } }, { id: 12345 }, false],
  ];
  it.each(cases)('%j on %j is %s', (condition, fields, expected) => {
    expect(holds(condition, ctx(fields))).toBe(expected);
  });

  it('sees materials from files and from shared data alike', () => {
    expect(holds({ materialPresent: 'm1' }, ctx({}, ['m1']))).toBe(true);
    expect(holds({ materialPresent: 'm2' }, ctx({}, ['m1']))).toBe(false);
  });
});

describe('rule sets', () => {
  const rules: InstantApproval = {
    rules: [
      { id: 'r1', check: { field: 'a', equals: 1 }, onFail: 'reject', reason: 'a must be 1' },
      { id: 'r2', check: { field: 'b', equals: 1 }, onFail: 'review', reason: 'b should be 1' },
      { id: 'r3', check: { field: 'c', equals: 1 }, onFail: 'reject', reason: 'c must be 1' },
    ],
    approvedNote: 'done',
  };
  it('approve when all hold, reject with the reject reasons, else send to review', () => {
    expect(evaluateRules(rules, ctx({ a: 1, b: 1, c: 1 }))).toEqual({ outcome: 'approved', reasons: ['done'] });
    expect(evaluateRules(rules, ctx({ a: 0, b: 0, c: 0 }))).toEqual({ outcome: 'rejected', reasons: ['a must be 1', 'c must be 1'] });
    expect(evaluateRules(rules, ctx({ a: 1, b: 0, c: 1 }))).toEqual({ outcome: 'needsReview', reasons: ['b should be 1'] });
  });
});
