import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../contracts/sync-api';
import { classifyFailure, describeFailure } from './failures';
import type { SyncFailure } from './sync-client';

const refused = (status: number, code: ErrorCode, message = 'm'): SyncFailure => ({ kind: 'refused', status, error: { code, message }, retryAfterMs: undefined });

describe('classifyFailure', () => {
  it.each([
    [{ kind: 'network', message: 'ECONNRESET' }, 'outage'],
    [{ kind: 'timeout', message: 't' }, 'outage'],
    [{ kind: 'malformedAnswer', status: 200, message: 'm' }, 'outage'],
    [{ kind: 'unexpectedStatus', status: 502, retryAfterMs: undefined }, 'outage'],
    [{ kind: 'closed', message: 'c' }, 'stopped'],
    [refused(503, 'unavailable'), 'outage'],
    [refused(500, 'internal'), 'outage'],
    [refused(401, 'badSignature'), 'outage'],
    [refused(401, 'unknownTerminal'), 'outage'],
    [refused(403, 'terminalDisabled'), 'outage'],
    [refused(401, 'replayedNonce'), 'outage'],
    [refused(400, 'invalidRequest'), 'permanent'],
    [refused(409, 'idempotencyConflict'), 'permanent'],
    [refused(413, 'tooLarge'), 'permanent'],
    [refused(415, 'unsupportedMediaType'), 'permanent'],
    [refused(404, 'notFound'), 'transient'],
    [refused(403, 'forbidden'), 'transient'],
  ] as [SyncFailure, string][])('%o is %s', (failure, expected) => {
    expect(classifyFailure(failure)).toBe(expected);
  });
});

describe('describeFailure', () => {
  it('masks personal data a platform message might quote', () => {
    expect(describeFailure(refused(400, 'invalidRequest', 'payload.idNumber: 11010519491231002X is not allowed'))).toBe(
      'refused (HTTP 400 invalidRequest): payload.idNumber: [ID] is not allowed',
    );
  });
});
