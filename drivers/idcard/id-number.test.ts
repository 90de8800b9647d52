import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCompactDate } from './civil-date';
import { idCheckCharacter, isValidIdNumber, maskIdNumber, parseIdNumber, upgradeIdNumber } from './id-number';

// Valid numbers. 11010519491231002X is the widely published example; the check character of each was also worked out
// outside this code (Python, weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 → 10X98765432). For the first:
// 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167, 167 mod 11 = 2 → X.
const valid = [
  '11010519491231002X',
  '440305199003071236',
  '810000198501010010',
  '830000199211300034',
  '320106200002290043',
  '310115197510106679',
];

describe('check character', () => {
  it.each(valid)('%s is valid', (id) => {
    expect(idCheckCharacter(id.slice(0, 17))).toBe(id[17]);
    expect(isValidIdNumber(id)).toBe(true);
  });

  it.each(valid)('%s with any other check character is invalid', (id) => {
    for (const c of '0123456789X') {
      if (c === id[17]) continue;
      expect(parseIdNumber(id.slice(0, 17) + c)).toMatchObject({ ok: false, error: { code: 'checkCharacter' } });
    }
  });

  it('catches every single-digit change and every swap of two different neighbours', () => {
    const id = '440305199003071236';
    for (let i = 0; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === id[i]) continue;
        const changed = id.slice(0, i) + d + id.slice(i + 1);
        // Changing a birth-date digit may also make the date impossible; either way it must not pass.
        expect(isValidIdNumber(changed)).toBe(false);
      }
      const a = id[i] ?? '';
      const b = id[i + 1] ?? '';
      if (i < 16 && a !== b) expect(isValidIdNumber(id.slice(0, i) + b + a + id.slice(i + 2))).toBe(false);
    }
  });

  it('accepts a lower-case x and reports it upper-case', () => {
    expect(parseIdNumber('11010519491231002x')).toMatchObject({ ok: true, value: { idNumber: '11010519491231002X' } });
  });

  it('needs 17 digits to compute', () => {
    expect(idCheckCharacter('1101051949123100')).toBeNull();
    expect(idCheckCharacter('1101051949123100A')).toBeNull();
  });
});

describe('parseIdNumber', () => {
  it('extracts region, birth date and gender', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', digits: 18, regionCode: '110105', birthDate: '1949-12-31', gender: 'female' },
    });
    expect(parseIdNumber('440305199003071236')).toMatchObject({ ok: true, value: { birthDate: '1990-03-07', gender: 'male' } });
  });

  it('knows leap days', () => {
    expect(parseIdNumber('320106200002290043')).toMatchObject({ ok: true, value: { birthDate: '2000-02-29' } });
    const feb29in1900 = '11010519000229001';
    expect(parseIdNumber(feb29in1900 + (idCheckCharacter(feb29in1900) ?? ''))).toMatchObject({ ok: false, error: { code: 'birthDate' } });
  });

  it('reads old 15-digit numbers as 19xx births, without a check character', () => {
    expect(parseIdNumber('110105491231002')).toEqual({
      ok: true,
      value: { idNumber: '110105491231002', digits: 15, regionCode: '110105', birthDate: '1949-12-31', gender: 'female' },
    });
    expect(parseIdNumber('110105491331002')).toMatchObject({ ok: false, error: { code: 'birthDate' } });
  });

  it('upgrades a 15-digit number to 18 digits', () => {
    expect(upgradeIdNumber('110105491231002')).toBe('11010519491231002X');
    expect(upgradeIdNumber('11010519491231002X')).toBeNull();
    expect(upgradeIdNumber('abc')).toBeNull();
  });

  it.each(['', '1101051949123100', '11010519491231002Y', '1101051949123100X2', ' 11010519491231002X', '１１０１０５１９４９１２３１００２X'])(
    'refuses the malformed %j',
    (input) => {
      expect(parseIdNumber(input)).toMatchObject({ ok: false, error: { code: 'format' } });
    },
  );

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        expect(typeof parseIdNumber(s).ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 3 and last 4 by default and hides the birth date', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });

  it('never shows the birth date, whatever it is asked', () => {
    const masked = maskIdNumber('11010519491231002X', { keepStart: 10, keepEnd: 10 });
    expect(masked).toBe('110105********002X');
    expect(masked).not.toContain('1949');
    expect(maskIdNumber('110105491231002', { keepStart: 6, keepEnd: 4 })).toBe('110105******002');
  });

  it('hides at least half of anything else', () => {
    expect(maskIdNumber('H12345678')).toBe('H1*****78');
    expect(maskIdNumber('123')).toBe('***');
    expect(maskIdNumber('')).toBe('');
  });

  it('uses the mask character asked for', () => {
    expect(maskIdNumber('11010519491231002X', { keepStart: 1, keepEnd: 1, maskCharacter: '•' })).toBe('1••••••••••••••••X');
  });
});

describe('parseCompactDate', () => {
  it.each([
    ['19491231', '1949-12-31'],
    ['20000229', '2000-02-29'],
    ['20240430', '2024-04-30'],
  ])('%s is %s', (input, iso) => {
    expect(parseCompactDate(input)).toBe(iso);
  });

  it.each(['19000229', '20230229', '20240431', '20241301', '20240100', '00000101', '2024010', '2024-1-1', '长期'])('%s is no date', (input) => {
    expect(parseCompactDate(input)).toBeNull();
  });
});
