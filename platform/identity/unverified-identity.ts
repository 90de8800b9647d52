// An application whose applicant's face was not compared with the ID card (the kiosk accepted it offline, or with
// the comparison service down: `_identity.faceVerified: false`) is never approved by rules alone (秒批): staff look
// at it. Other decisions stand.
import type { Decision } from '../../contracts/sync-api';

export const UNVERIFIED_IDENTITY_REASON = '申请人身份未经人脸核验，转人工审核';

function faceUnverified(payload: Record<string, unknown>): boolean {
  const identity = payload._identity;
  return typeof identity === 'object' && identity !== null && (identity as Record<string, unknown>).faceVerified === false;
}

export function reviewUnverifiedIdentity(decision: Decision, payload: Record<string, unknown>): Decision {
  if (decision.outcome !== 'approved' || !faceUnverified(payload)) return decision;
  return { ...decision, outcome: 'needsReview', reasons: [UNVERIFIED_IDENTITY_REASON] };
}
