// A platform on 127.0.0.1 over a test storage, with helpers to register terminals and sign as them.
import { randomBytes } from 'node:crypto';
import type { SubmitTransactionRequest } from '../../contracts/sync-api';
import { type RunningPlatform, startPlatform } from '../start-platform';
import type { PlatformStorage } from '../storage/platform-storage';
import { provisionTerminal } from '../terminals/provision';
import { SignedClient, uuidv7 } from './signed-client';

export interface TestPlatform {
  platform: RunningPlatform;
  url: string;
  opsToken: string;
  /** Registers a new terminal (unique id) and returns a client signing as it, on the platform's clock. */
  newTerminal(region?: string): Promise<SignedClient>;
  /** GET as ops. */
  ops(target: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestPlatform(storage: PlatformStorage, options: { now?: () => Date; initialCatalog?: unknown } = {}): Promise<TestPlatform> {
  const opsToken = randomBytes(24).toString('base64url');
  const now = options.now ?? (() => new Date());
  const platform = await startPlatform({ storage, port: 0, now, opsToken, initialCatalog: options.initialCatalog });
  return {
    platform,
    url: platform.url,
    opsToken,
    async newTerminal(region = '370202') {
      const terminalId = `T-${randomBytes(5).toString('hex')}`;
      const credentials = await provisionTerminal(storage, { terminalId, name: 'test terminal', region }, now());
      return new SignedClient(platform.url, credentials, () => now().getTime());
    },
    ops: (target, init = {}) => fetch(`${platform.url}${target}`, { ...init, headers: { authorization: `Bearer ${opsToken}`, ...init.headers } }),
    close: () => platform.close(),
  };
}

/** A well-formed application for the demo catalog's 参保缴费证明 item (instantly approved as given). */
export function sampleSubmit(terminalId: string, overrides: Partial<SubmitTransactionRequest> = {}): SubmitTransactionRequest {
  return {
    transactionId: uuidv7(),
    terminalId,
    kind: 'application',
    itemCode: '370200-000112013000',
    createdAt: new Date().toISOString(),
    payload: { applicantName: '张三', idNumber: '11010519491231002X', phone: '13800138000', purpose: 'housePurchase', periodMonths: 24 },
    ...overrides,
  };
}
