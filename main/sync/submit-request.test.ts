import { describe, expect, it } from 'vitest';
import type { ClaimedTransaction } from '../outbox/outbox-types';
import { sharedMaterialsKey, toPlatformAnswer, toSubmitRequest } from './submit-request';

const claimed = (overrides: Partial<ClaimedTransaction> = {}): ClaimedTransaction => ({
  id: '0190f2a1-0000-7000-8000-000000000001',
  kind: 'application',
  itemCode: '370200-000112013000',
  terminalId: 'DEMO-0001',
  createdAt: Date.parse('2026-11-01T08:00:00Z'),
  acceptedAt: Date.parse('2026-11-01T08:00:01Z'),
  state: 'sending',
  stateChangedAt: 0,
  attempts: 1,
  lastAttemptAt: 0,
  nextAttemptAt: null,
  lastError: null,
  attention: null,
  answer: null,
  acknowledgedAt: null,
  purgedAt: null,
  attachmentCount: 2,
  personal: { applicantName: '张三', idNumber: '11010519491231002X', [sharedMaterialsKey]: ['household-register'] },
  attachments: [
    { index: 0, label: 'id-card', mediaType: 'image/jpeg', size: 2_000, sha256: 'a'.repeat(64) },
    { index: 1, label: 'id-card', mediaType: 'application/pdf', size: 9_000, sha256: 'b'.repeat(64) },
  ],
  ...overrides,
});

describe('toSubmitRequest', () => {
  it('maps the row: payload without the shared-materials key, attachments a0, a1… with their material codes', () => {
    expect(toSubmitRequest(claimed())).toEqual({
      ok: true,
      request: {
        transactionId: '0190f2a1-0000-7000-8000-000000000001',
        terminalId: 'DEMO-0001',
        kind: 'application',
        itemCode: '370200-000112013000',
        createdAt: '2026-11-01T08:00:00.000Z',
        payload: { applicantName: '张三', idNumber: '11010519491231002X' },
        materialsFromSharedData: ['household-register'],
        attachments: [
          { id: 'a0', size: 2_000, sha256: 'a'.repeat(64), contentType: 'image/jpeg', materialCode: 'id-card' },
          { id: 'a1', size: 9_000, sha256: 'b'.repeat(64), contentType: 'application/pdf', materialCode: 'id-card' },
        ],
      },
    });
    // The same row always gives the same request (the platform's idempotency check compares content).
    expect(JSON.stringify(toSubmitRequest(claimed()))).toBe(JSON.stringify(toSubmitRequest(claimed())));
  });

  it('refuses what the contract would refuse, naming the place and never the value', () => {
    const longKey = 'x'.repeat(65);
    const built = toSubmitRequest(claimed({ personal: { [longKey]: '11010519491231002X' }, attachments: [{ index: 0, label: 'scan', mediaType: 'image/jpeg', size: 0, sha256: 'c'.repeat(64) }] }));
    expect(built).toEqual({ ok: false, reason: expect.stringMatching(/^the transaction does not fit the sync contract \(payload: invalid_key; attachments\.0\.size: too_small\)$/) });
    expect(JSON.stringify(built)).not.toContain('11010519491231002X');
  });
});

describe('toPlatformAnswer', () => {
  it('keeps case number, time and decision, flat', () => {
    expect(
      toPlatformAnswer({
        status: 'committed',
        transactionId: '0190f2a1-0000-7000-8000-000000000001',
        caseNumber: '370202-20261101-000042',
        committedAt: '2026-11-01T08:00:05.000Z',
        decision: { outcome: 'approved', reasons: ['证明将在1个工作日内出具', '请留意短信'], catalogVersion: '2026.11.01-1' },
      }),
    ).toEqual({ caseNumber: '370202-20261101-000042', committedAt: '2026-11-01T08:00:05.000Z', outcome: 'approved', reasons: '证明将在1个工作日内出具\n请留意短信', catalogVersion: '2026.11.01-1' });
    expect(toPlatformAnswer({ status: 'committed', transactionId: '0190f2a1-0000-7000-8000-000000000001', caseNumber: '370202-20261101-000043', committedAt: '2026-11-01T08:00:05.000Z' })).toMatchObject({
      outcome: null,
      reasons: null,
    });
  });
});
