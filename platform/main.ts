// `npm run platform -- [--port N] [--host ADDR] [--data-dir DIR]`: the reference central platform as a process.
// Storage is PGlite in the data directory, or PostgreSQL when DATABASE_URL is set (read here, and only here).
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { launchPlatform } from './launch-platform';

const usage = `Usage: npm run platform -- [options]
  --port N          port to listen on (default 8470; 0 = any free port)
  --host ADDR       address to listen on (default 127.0.0.1)
  --data-dir DIR    database (PGlite), terminal credentials and ops token (default ./data/platform)
  --demo-catalog K  what an empty platform publishes: full (default: 5,000+ items) or small (the 12
                    items of demo-catalog.json; quick, for tests of other things)
  --help            this text
Environment: DATABASE_URL=postgres://… uses PostgreSQL instead of the embedded PGlite.
  PLATFORM_ADMIN_USER=name  the ops console's first admin on an empty database (default admin); its one-time
                            password is printed once. More users: the console's Users page, or platform/cli/ops-user.ts.`;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '8470' },
        host: { type: 'string', default: '127.0.0.1' },
        'data-dir': { type: 'string', default: 'data/platform' },
        'demo-catalog': { type: 'string', default: 'full' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    say(usage);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port: not a port number: ${values.port}\n`);
    return 2;
  }

  const demoCatalog = values['demo-catalog'];
  if (demoCatalog !== 'full' && demoCatalog !== 'small') {
    process.stderr.write(`--demo-catalog: full or small, not ${demoCatalog}\n`);
    return 2;
  }

  // Requests are logged by method, path and status; bodies (personal data) never are.
  const logger = pino({ level: process.env.PLATFORM_LOG_LEVEL ?? 'info' });
  const launched = await launchPlatform({
    dataDir: values['data-dir'],
    databaseUrl: process.env.DATABASE_URL || undefined,
    port,
    host: values.host,
    logger,
    firstAdmin: process.env.PLATFORM_ADMIN_USER || 'admin',
    demoCatalog,
  });
  say(`Platform listening on ${launched.platform.url}`);
  say(`storage: ${launched.storageDescription}`);
  say(`demo terminal credentials: ${launched.demoCredentialsFile}`);
  say(`ops token: ${launched.opsTokenFile}`);
  say(`OpenAPI: ${launched.platform.url}/openapi.json`);
  say('identity: DEMO adapter (scripted face answers, QR codes of fictional people): not a real identity check');
  say(`ops console: ${launched.platform.url}/ops/`);
  if (launched.firstAdmin) {
    say(`  first admin: ${launched.firstAdmin.username}, one-time password ${launched.firstAdmin.password}`);
    say('  (shown only now; the console asks for a new password at the first login)');
  }

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await launched.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`platform: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
