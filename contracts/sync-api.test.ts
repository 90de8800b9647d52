import { describe, expect, it } from 'vitest';
import { CaseNumber, HeartbeatRequest, SubmitAnswer, SubmitTransactionRequest, TerminalAuthHeaders, TransactionId, buildPath, canonicalRequest, syncApi } from './sync-api';

const request = {
  transactionId: '019a4f3c-8b2e-7c41-9d3a-5e6f7a8b9c0d',
  terminalId: 'DEMO-0001',
  kind: 'application',
  itemCode: '370200-000112013000',
  createdAt: '2026-11-02T10:00:00+08:00',
  payload: { idNumber: '11010519491231002X', nested: { list: [1, 'two', null] } },
};

describe('the sync API contract', () => {
  it('takes only lower-case UUIDv7 transaction ids', () => {
    expect(TransactionId.safeParse(request.transactionId).success).toBe(true);
    expect(TransactionId.safeParse(request.transactionId.toUpperCase()).success).toBe(false);
    expect(TransactionId.safeParse('019a4f3c-8b2e-4c41-9d3a-5e6f7a8b9c0d').success).toBe(false); // v4
  });

  it('fills defaults of a submit and refuses duplicate attachment ids and unknown fields', () => {
    expect(SubmitTransactionRequest.parse(request)).toMatchObject({ attachments: [], materialsFromSharedData: [] });
    const attachment = { id: 'p1', size: 10, sha256: 'a'.repeat(64), contentType: 'image/jpeg' };
    const duplicate = SubmitTransactionRequest.safeParse({ ...request, attachments: [attachment, attachment] });
    expect(duplicate.error?.issues[0]?.message).toBe('attachment ids must be unique within a transaction');
    expect(SubmitTransactionRequest.safeParse({ ...request, extra: 1 }).success).toBe(false);
    expect(SubmitTransactionRequest.safeParse({ ...request, payload: { f: () => 1 } }).success).toBe(false);
  });

  it('tells accepted from committed answers', () => {
    expect(SubmitAnswer.parse({ status: 'accepted', transactionId: request.transactionId, caseNumber: '370202-20261102-000001', attachments: [] }).status).toBe('accepted');
    expect(
      SubmitAnswer.safeParse({ status: 'committed', transactionId: request.transactionId, caseNumber: '370202-20261102-000001', committedAt: '2026-11-02T02:00:00Z', decision: { outcome: 'maybe', reasons: [], catalogVersion: 'v1' } }).success,
    ).toBe(false);
    expect(CaseNumber.safeParse('370202-20261102-000001').success).toBe(true);
    expect(CaseNumber.safeParse('370202/20261102/1').success).toBe(false);
  });

  it('builds the string to sign from every part, so changing any part changes it', () => {
    const parts = { method: 'post', target: '/v1/transactions', terminalId: 'DEMO-0001', timestamp: '1790000000000', nonce: 'n'.repeat(16), bodySha256Hex: 'b'.repeat(64) };
    expect(canonicalRequest(parts)).toBe(`GK1-HMAC-SHA256\nPOST\n/v1/transactions\nDEMO-0001\n1790000000000\n${'n'.repeat(16)}\n${'b'.repeat(64)}`);
    for (const key of Object.keys(parts) as (keyof typeof parts)[]) {
      if (key !== 'method') expect(canonicalRequest({ ...parts, [key]: `${parts[key]}x` })).not.toBe(canonicalRequest(parts));
    }
  });

  it('checks authentication headers', () => {
    const headers = { 'x-terminal-id': 'DEMO-0001', 'x-timestamp': '1790000000000', 'x-nonce': 'abcdefghijklmnop', 'x-signature': 'A'.repeat(43) };
    expect(TerminalAuthHeaders.safeParse(headers).success).toBe(true);
    expect(TerminalAuthHeaders.safeParse({ ...headers, 'x-nonce': 'short' }).success).toBe(false);
    expect(TerminalAuthHeaders.safeParse({ ...headers, 'x-timestamp': '-1' }).success).toBe(false);
  });

  it('fills path templates, encoding the values', () => {
    expect(buildPath(syncApi.uploadChunk.path, { transactionId: request.transactionId, attachmentId: 'page-1' })).toBe(`/v1/transactions/${request.transactionId}/attachments/page-1`);
    expect(buildPath(syncApi.caseProgress.path, { caseNumber: 'a/b' })).toBe('/v1/cases/a%2Fb');
    expect(() => buildPath(syncApi.caseProgress.path, {})).toThrow('missing path parameter caseNumber');
  });

  it('gives device summaries an empty condition list by default', () => {
    const heartbeat = HeartbeatRequest.parse({
      sentAt: '2026-11-02T02:00:00Z',
      versions: { app: '0.1.0', catalog: null },
      queue: { depth: 0, oldestPendingAgeSeconds: null, needsAttention: 0 },
      devices: [{ id: 'printer-1', class: 'receiptPrinter', state: 'online' }],
    });
    expect(heartbeat.devices[0]?.conditions).toEqual([]);
  });
});
