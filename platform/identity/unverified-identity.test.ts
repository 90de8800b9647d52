import { expect, it } from 'vitest';
import type { Decision } from '../../contracts/sync-api';
import { UNVERIFIED_IDENTITY_REASON, reviewUnverifiedIdentity } from './unverified-identity';

const approved: Decision = { outcome: 'approved', reasons: ['符合条件'], catalogVersion: '2026.11.1' };

it('sends an approval of an applicant whose face was not compared to staff, and leaves every other decision alone', () => {
  expect(reviewUnverifiedIdentity(approved, { _identity: { method: 'idCard', faceVerified: false } })).toEqual({
    ...approved,
    outcome: 'needsReview',
    reasons: [UNVERIFIED_IDENTITY_REASON],
  });
  expect(reviewUnverifiedIdentity(approved, { _identity: { method: 'idCardFace', faceVerified: true } })).toBe(approved);
  expect(reviewUnverifiedIdentity(approved, { _identity: { method: 'networkIdQr' } })).toBe(approved);
  expect(reviewUnverifiedIdentity(approved, {})).toBe(approved);
  const rejected: Decision = { ...approved, outcome: 'rejected', reasons: ['年满80周岁方可申领高龄津贴'] };
  expect(reviewUnverifiedIdentity(rejected, { _identity: { faceVerified: false } })).toBe(rejected);
});
