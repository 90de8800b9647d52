import { describe, expect, it } from 'vitest';
import { CardSummary, kioskCommands } from './kiosk-api';

describe('KioskApi citizen commands', () => {
  it('refuses a card summary whose ID number is not masked', () => {
    const summary = { cardType: 'resident', name: '张三', gender: 'male', nation: '汉' };
    expect(CardSummary.safeParse({ ...summary, maskedIdNumber: '110***********002X' }).success).toBe(true);
    expect(CardSummary.safeParse({ ...summary, maskedIdNumber: '11010519491231002X' }).success).toBe(false);
    expect(CardSummary.safeParse({ ...summary, maskedIdNumber: '110***********002X', birthDate: '1949-12-31' }).success).toBe(false);
  });

  it('keeps the screen from writing the Node side\'s own keys of a transaction', () => {
    const submit = kioskCommands['transaction.submit'].input;
    const base = { sessionId: crypto.randomUUID(), itemCode: '370200-000112024000' };
    expect(submit.safeParse({ ...base, form: { phone: '13800000000', copies: 2, agreed: true, extra: { a: [1] } } }).success).toBe(true);
    expect(submit.safeParse({ ...base, form: { _identity: { idNumber: 'forged' } } }).success).toBe(false);
    expect(submit.safeParse({ ...base, form: { _materialsFromSharedData: ['bank-card'] } }).success).toBe(false);
    expect(submit.safeParse({ ...base, form: {}, fromIdCard: { idNumber: 'idCard.photo' } }).success).toBe(false);
  });

  it('bounds the card wait at 120 seconds, 30 by default', () => {
    const read = kioskCommands['identity.readCard'].input;
    const sessionId = crypto.randomUUID();
    expect(read.parse({ sessionId })).toEqual({ sessionId, timeoutSeconds: 30 });
    expect(read.safeParse({ sessionId, timeoutSeconds: 121 }).success).toBe(false);
  });
});
