// Connects the kiosk to its platform: the reference platform embedded in this process (demos, tests) or a remote one,
// and the sync agent that drains the outbox to it. Part of the composition root: the only main/ code that may start
// the platform, which it reaches only through its launch function and the sync API.
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import type { DeviceSummary, PushRefusal, TerminalCredentials } from '../../contracts/sync-api';
import type { PlatformConfig } from '../../kiosk-config/schema';
import { launchPlatform } from '../../platform/launch-platform';
import { provisionTerminal, readCredentialsFile } from '../../platform/terminals/provision';
import type { StaffAuditSource } from '../maintenance/staff-audit-log';
import type { SearchCountSource } from '../search-stats/search-count-log';
import type { Outbox } from '../outbox/outbox';
import { type SyncAgentHandle, startSyncAgent } from '../sync/sync-agent';
import { systemClock } from '../sync/clock';
import { SyncClient } from '../sync/sync-client';

/** A citizen waits at most this long for the platform before the screen says it is offline. */
const onlineRequestTimeoutMs = 8_000;

export interface PlatformConnection {
  agent: SyncAgentHandle;
  /**
   * For the citizen's requests that need an answer now (face comparison, prefill, progress): its own client with a
   * short timeout, so a citizen never waits behind the drain or for its retries.
   */
  online: SyncClient;
  /** Verifies what the platform signs: catalogs and pushed settings (TerminalCredentials.catalogPublicKey). */
  catalogPublicKey: string | undefined;
  /** Where the platform answers; for the embedded one a loopback URL. */
  platformUrl: string;
  /** `embedded (PGlite in …)` or `remote`, for the start-up log. */
  description: string;
  /**
   * Embedded mode: the platform's ops console, and its first admin when this start created one (an empty database):
   * the one-time password is shown once by `npm start` and kept nowhere.
   */
  opsConsole?: { url: string; firstAdmin: { username: string; password: string } | undefined };
  close(): Promise<void>;
}

export async function connectPlatform(options: {
  config: PlatformConfig;
  terminal: { id: string; name: string; region?: string };
  dataDir: string;
  outbox: Outbox;
  deviceSummary: () => DeviceSummary[];
  /** Staff actions for the heartbeats (main/maintenance). */
  staffActions?: StaffAuditSource;
  /** Hot-search counts for the heartbeats (main/search-stats). */
  searchCounts?: SearchCountSource;
  /** The pushed settings refused now, for the heartbeats (main/settings). */
  settingsRefusal?: () => PushRefusal | null;
  versions: { app: string; shell: string };
  logger: Logger;
}): Promise<PlatformConnection> {
  const { config, terminal, logger } = options;
  let credentials: TerminalCredentials;
  let platformUrl: string;
  let description: string;
  let stopPlatform: () => Promise<void> = async () => {};
  let opsConsole: PlatformConnection['opsConsole'];

  if (config.mode === 'embedded') {
    const launched = await launchPlatform({
      dataDir: path.join(options.dataDir, 'platform'),
      port: 0,
      host: '127.0.0.1',
      // The embedded platform's request log would repeat every sync request; its warnings and errors are what matter here.
      logger: logger.child({ component: 'platform' }, { level: 'warn' }),
      firstAdmin: 'admin',
    });
    opsConsole = { url: `${launched.platform.url}/ops/`, firstAdmin: launched.firstAdmin };
    stopPlatform = () => launched.close();
    try {
      // The embedded platform knows its demo terminal; a kiosk configured with another id is registered too.
      const own = await provisionTerminal(launched.storage, { terminalId: terminal.id, name: terminal.name, region: terminal.region ?? '370202' });
      credentials = { ...launched.demoCredentials, ...own };
    } catch (error) {
      await stopPlatform();
      throw error;
    }
    platformUrl = launched.platform.url;
    description = `embedded (${launched.storageDescription})`;
  } else {
    credentials = await readCredentialsFile(config.credentialsFile);
    if (credentials.terminalId !== terminal.id) {
      throw new Error(`${config.credentialsFile} is for terminal ${credentials.terminalId}, but this kiosk is ${terminal.id}`);
    }
    platformUrl = config.url;
    description = `remote (${new URL(config.url).host})`;
  }

  let agent: SyncAgentHandle;
  try {
    agent = await startSyncAgent({
      outbox: options.outbox,
      credentials,
      platformUrl,
      dataDir: options.dataDir,
      deviceSummary: options.deviceSummary,
      ...(options.staffActions ? { staffActions: options.staffActions } : {}),
      ...(options.searchCounts ? { searchCounts: options.searchCounts } : {}),
      ...(options.settingsRefusal ? { settingsRefusal: options.settingsRefusal } : {}),
      versions: { ...options.versions, os: `${os.type()} ${os.release()}` },
      logger: logger.child({ component: 'sync' }),
    });
  } catch (error) {
    await stopPlatform();
    throw error;
  }
  const online = new SyncClient({ platformUrl, credentials, clock: systemClock, requestTimeoutMs: onlineRequestTimeoutMs, maxResponseBytes: 4 * 2 ** 20 });
  return {
    agent,
    online,
    catalogPublicKey: credentials.catalogPublicKey,
    platformUrl,
    description,
    opsConsole,
    async close() {
      online.close();
      // The agent first: it hands transactions in flight back to the outbox before the platform goes away.
      await agent.stop();
      await stopPlatform();
    },
  };
}
