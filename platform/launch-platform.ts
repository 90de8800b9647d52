// Everything `npm run platform` does, as one function the kiosk's composition root can call too (embedded mode):
// open storage (PGlite in the data directory, or PostgreSQL when a URL is given), provision the demo terminal and
// write its credentials file, make the ops token, start the server. close() stops the server, then the storage.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { TerminalCredentials } from '../contracts/sync-api';
import { CatalogSigner } from './catalog/catalog-signer';
import { type DemoCatalogKind, publishedDemoCatalog } from './catalog/published-demo-catalog';
import { type RunningPlatform, startPlatform } from './start-platform';
import { PlatformStorage } from './storage/platform-storage';
import { credentialsPath, demoTerminal, provisionTerminal, writeCredentialsFile } from './terminals/provision';

export interface LaunchPlatformOptions {
  /** Holds the PGlite database (unless `databaseUrl`), terminals/<id>.json credentials, and the ops token. */
  dataDir: string;
  /** PostgreSQL instead of PGlite; the caller reads DATABASE_URL. */
  databaseUrl?: string;
  port?: number;
  host?: string;
  now?: () => Date;
  logger?: FastifyBaseLogger;
  /** What an empty platform publishes (see publishedDemoCatalog); default `full`. */
  demoCatalog?: DemoCatalogKind;
  /** On a database without ops console users, create this admin with a one-time password (`firstAdmin` below). */
  firstAdmin?: string;
}

export interface LaunchedPlatform {
  platform: RunningPlatform;
  storage: PlatformStorage;
  storageDescription: string;
  /** The demo terminal's credentials (DEMO-0001), also written to `demoCredentialsFile` (0600). */
  demoCredentials: TerminalCredentials;
  demoCredentialsFile: string;
  /** File holding the ops bearer token (0600). */
  opsTokenFile: string;
  /** File holding the catalog-signing private key (0600). */
  catalogKeyFile: string;
  /** The ops console's first admin, made on this start: show the one-time password once, keep it nowhere. */
  firstAdmin: { username: string; password: string } | undefined;
  close(): Promise<void>;
}

/** The secret in `file`, made by `make` and written (0600) on the first start. */
async function secretFile(file: string, make: () => string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = make();
  await writeFile(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}

export async function launchPlatform(options: LaunchPlatformOptions): Promise<LaunchedPlatform> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const storage = options.databaseUrl
    ? await PlatformStorage.open({ kind: 'postgres', url: options.databaseUrl })
    : await PlatformStorage.open({ kind: 'pglite', dataDir: path.join(dataDir, 'db') });
  try {
    const now = options.now ?? (() => new Date());
    const opsTokenFile = path.join(dataDir, 'ops-token');
    const token = (await secretFile(opsTokenFile, () => `${randomBytes(32).toString('base64url')}\n`)).trim();
    const catalogKeyFile = path.join(dataDir, 'catalog-signing-key.pem');
    const catalogSigner = CatalogSigner.fromPem(await secretFile(catalogKeyFile, () => CatalogSigner.generate().toPem()));
    const credentials = await provisionTerminal(storage, demoTerminal, now());
    const platform = await startPlatform({ storage, port: options.port, host: options.host, now, opsToken: token, logger: options.logger, catalogSigner, initialCatalog: publishedDemoCatalog(options.demoCatalog), updatesDir: path.join(options.dataDir, 'updates') });
    const firstAdmin = options.firstAdmin ? await platform.opsAccounts.bootstrapAdmin(options.firstAdmin) : undefined;
    const demoCredentials: TerminalCredentials = { ...credentials, platformUrl: platform.url, catalogPublicKey: catalogSigner.publicKey };
    const demoCredentialsFile = credentialsPath(dataDir, demoTerminal.terminalId);
    await writeCredentialsFile(demoCredentialsFile, demoCredentials);
    return {
      platform,
      storage,
      storageDescription: options.databaseUrl ? `PostgreSQL at ${new URL(options.databaseUrl).host}` : `PGlite in ${path.join(dataDir, 'db')}`,
      demoCredentials,
      demoCredentialsFile,
      opsTokenFile,
      catalogKeyFile,
      firstAdmin,
      async close() {
        try {
          await platform.close();
        } finally {
          await storage.close();
        }
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
