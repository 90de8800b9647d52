import { describe, expect, it } from 'vitest';
import { checkDate, checkIdNumber, checkNumber, checkPhone, deleteFromDate, fieldProblem, idCheckCharacter, submittedValue, typeIntoDate } from './field-rules';
import { maskValue } from './mask';

describe('ID numbers (GB 11643, MOD 11-2)', () => {
  it('accepts valid numbers, including the check character X in either case', () => {
    // The simulator's fictional cards, checked by hand against the weights.
    expect(checkIdNumber('330106195603150845')).toBeUndefined();
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(checkIdNumber('11010519491231002X')).toBeUndefined();
    expect(checkIdNumber('11010519491231002x')).toBeUndefined();
  });

  it('says what is wrong: a wrong check character, an impossible birth date, letters, too short', () => {
    expect(checkIdNumber('330106195603150846')).toBe('idCheckDigit');
    expect(checkIdNumber('330106195602300845')).toBe('idBirthDate');
    expect(checkIdNumber('33010619560315084A')).toBe('idFormat');
    expect(checkIdNumber('3301X6')).toBe('idFormat');
    expect(checkIdNumber('3301061956')).toBe('incomplete');
  });
});

describe('phone numbers, dates, numbers', () => {
  it('phones: mainland mobiles and landlines with an area code', () => {
    expect(checkPhone('13812345678')).toBeUndefined();
    expect(checkPhone('0532-88886666')).toBeUndefined();
    expect(checkPhone('1381234')).toBe('incomplete');
    expect(checkPhone('12812345678')).toBe('phoneFormat');
    expect(checkPhone('138123456789')).toBe('phoneFormat');
  });

  it('dates: real calendar days only, typed as digits with the hyphens added', () => {
    expect(checkDate('2024-02-29')).toBeUndefined();
    expect(checkDate('2023-02-29')).toBe('dateInvalid');
    expect(checkDate('2024-13-01')).toBe('dateInvalid');
    expect(checkDate('2024-0')).toBe('incomplete');
    expect(checkDate('24/05/01')).toBe('dateFormat');
    let typed = '';
    for (const digit of '202405019') typed = typeIntoDate(typed, digit);
    expect(typed).toBe('2024-05-01');
    expect(deleteFromDate('2024-05-01')).toBe('2024-05-0');
    expect(deleteFromDate('2024-05')).toBe('2024-0');
    expect(deleteFromDate('2024-0')).toBe('2024');
  });

  it('numbers: digits with an optional decimal part; submitted as numbers', () => {
    expect(checkNumber('36')).toBeUndefined();
    expect(checkNumber('3.5')).toBeUndefined();
    expect(checkNumber('3.')).toBe('incomplete');
    expect(checkNumber('3a')).toBe('numberFormat');
    expect(submittedValue({ type: 'number' }, '36')).toBe(36);
    expect(submittedValue({ type: 'idNumber' }, '11010519491231002x')).toBe('11010519491231002X');
  });

  it('an empty field is a problem only when it is required; yes/no is never malformed', () => {
    expect(fieldProblem({ type: 'text', required: true }, '')).toBe('required');
    expect(fieldProblem({ type: 'phone', required: false }, undefined)).toBeUndefined();
    expect(fieldProblem({ type: 'boolean', required: true }, false)).toBeUndefined();
    expect(fieldProblem({ type: 'phone', required: true }, '139')).toBe('incomplete');
  });
});

describe('masking personal values on screen', () => {
  it('hides the birth date of an ID number, the middle of a phone, all but the first character of a name', () => {
    expect(maskValue({ type: 'idNumber', personal: true }, '330106195603150845')).toBe('330***********0845');
    expect(maskValue({ type: 'phone', personal: true }, '13812345678')).toBe('138****5678');
    expect(maskValue({ type: 'text', personal: true }, '蓝𠮷䶮')).toBe('蓝**');
    expect(maskValue({ type: 'text', personal: true }, '6222020200112233')).toBe('************2233');
    expect(maskValue({ type: 'text', personal: false }, '青岛')).toBe('青岛');
  });
});
