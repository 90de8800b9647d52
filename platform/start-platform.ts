// Starts the reference platform's HTTP server on a storage the caller opened (and closes): for `npm run platform`
// (platform/main.ts), for the kiosk's composition root in embedded mode, and for tests.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { CatalogDocument } from '../contracts/catalog';
import demoCatalog from './catalog/demo-catalog.json' with { type: 'json' };
import { CatalogSigner } from './catalog/catalog-signer';
import { CatalogStore } from './catalog/catalog-store';
import { buildOpenApiDocument } from './http/openapi';
import { registerSyncRoutes } from './http/sync-routes';
import { registerFleetRoutes } from './http/fleet-routes';
import { registerIdentityRoutes } from './http/identity-routes';
import { registerCitizenRoutes } from './http/citizen-routes';
import { registerCertificateRoutes } from './http/certificate-routes';
import { DemoIdentityAdapter } from './identity/demo-identity-adapter';
import type { IdentityAdapter } from './identity/identity-adapter';
import { TerminalAuth } from './http/terminal-auth';
import { prepareApp } from './http/zod-route';
import { type AccountPolicy, OpsAccounts } from './ops/ops-accounts';
import { OpsAuth } from './ops/ops-auth';
import { registerConsoleRoutes } from './ops/console-routes';
import type { PlatformStorage } from './storage/platform-storage';

export interface StartPlatformOptions {
  storage: PlatformStorage;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback by default; a central deployment listens behind a TLS-terminating proxy. */
  host?: string;
  /** The platform's clock; tests inject one to simulate skew and long outages without waiting. */
  now?: () => Date;
  /** Bearer token of the ops endpoints (acts as an operator); without it only console sessions get in. */
  opsToken?: string;
  /** Lockout, session and password-hashing settings of ops console accounts (tests lower the scrypt cost). */
  opsAccountPolicy?: Partial<AccountPolicy>;
  /** Request and error logging (pino or compatible). Off when absent. */
  logger?: FastifyBaseLogger;
  /** Published when storage holds no catalog yet; the demo catalog by default, `null` for none. */
  initialCatalog?: unknown;
  /** Signs catalog answers; a key made for this run when absent (terminals then cannot have been given it). */
  catalogSigner?: CatalogSigner;
  /** The update feed's folder, served as `/updates/<channel>/<file>` (platform/fleet/update-feed.ts); none when absent. */
  updatesDir?: string;
  /** Face comparison and QR identity verification; the DEMO adapter (scripted answers, fictional people) by default. */
  identity?: IdentityAdapter;
}

export interface RunningPlatform {
  /** e.g. http://127.0.0.1:43117 */
  url: string;
  port: number;
  app: FastifyInstance;
  catalogs: CatalogStore;
  /** The catalog-signing public key (TerminalCredentials.catalogPublicKey). */
  catalogPublicKey: string;
  /** Ops console users, sessions and the audit log. */
  opsAccounts: OpsAccounts;
  /** Stops accepting and waits for requests in flight; the storage stays open (its opener closes it). */
  close(): Promise<void>;
}

export async function startPlatform(options: StartPlatformOptions): Promise<RunningPlatform> {
  const now = options.now ?? (() => new Date());
  const { storage } = options;
  const catalogs = new CatalogStore(storage);
  const initial = options.initialCatalog === undefined ? demoCatalog : options.initialCatalog;
  if (initial !== null && !(await catalogs.current())) {
    const published = await catalogs.publish(CatalogDocument.parse(initial), now());
    if (!published.ok) throw new Error(published.message);
  }

  const app = Fastify({ ...(options.logger ? { loggerInstance: options.logger } : { logger: false }), return503OnClosing: true });
  prepareApp(app);
  const openapi = JSON.stringify(buildOpenApiDocument());
  app.get('/openapi.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(openapi));
  const catalogSigner = options.catalogSigner ?? CatalogSigner.generate();
  const opsAccounts = new OpsAccounts(storage, now, options.opsAccountPolicy);
  const routeDeps = { auth: new TerminalAuth(storage, now), ops: new OpsAuth(opsAccounts, options.opsToken) };
  registerConsoleRoutes(app, { sync: { storage, catalogs, now }, ops: routeDeps.ops, updatesDir: options.updatesDir });
  registerSyncRoutes(app, { storage, catalogs, now }, { ...routeDeps, catalogSigner });
  registerFleetRoutes(app, { storage, catalogs, now }, { ...routeDeps, catalogSigner, updatesDir: options.updatesDir });
  registerIdentityRoutes(app, options.identity ?? new DemoIdentityAdapter(), routeDeps);
  registerCitizenRoutes(app, { storage, catalogs, now }, routeDeps);
  registerCertificateRoutes(app, storage, routeDeps);

  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the platform server has no address');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${host}:${address.port}`, port: address.port, app, catalogs, catalogPublicKey: catalogSigner.publicKey, opsAccounts, close: () => app.close() };
}
