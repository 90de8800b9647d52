import { expect, it } from 'vitest';
import { identityCodeKind } from './identity-codes';

it('knows network ID and app codes, and nothing else', () => {
  expect(identityCodeKind('CTID-DEMO-0001')).toBe('networkIdQr');
  expect(identityCodeKind('APP-DEMO-0001')).toBe('appQr');
  for (const other of ['https://gov.example.cn/p/370202-20261101-000042', '370202-20261101-000042', '134567890123456789', 'CTID-', 'ctid-demo-0001', 'CTID-DEMO 0001', '']) {
    expect(identityCodeKind(other), other).toBeUndefined();
  }
});
