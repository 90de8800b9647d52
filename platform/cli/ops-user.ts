// `npx tsx platform/cli/ops-user.ts [--data-dir DIR] <command>`: ops console accounts from the command line, for
// the first admin of a central deployment and for recovery (every admin locked out or gone). Uses the platform's
// storage: PostgreSQL when DATABASE_URL is set, else the PGlite database in the data directory — stop the platform
// first then, PGlite takes one process at a time. New and reset passwords are one-time passwords, printed once.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { OpsAccounts, opsRoles } from '../ops/ops-accounts';
import { PlatformStorage } from '../storage/platform-storage';

const usage = `Usage: npx tsx platform/cli/ops-user.ts [--data-dir DIR] <command>
  add <username> --role viewer|operator|admin   new user with a one-time password
  reset <username>                              new one-time password (ends the user's sessions)
  unlock <username>                             lift a lockout after failed logins
  list                                          users, roles and lock state`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'data-dir': { type: 'string', default: 'data/platform' }, role: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  const [command, username] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const url = process.env.DATABASE_URL;
  const storage = url ? await PlatformStorage.open({ kind: 'postgres', url }) : await PlatformStorage.open({ kind: 'pglite', dataDir: path.join(path.resolve(values['data-dir']), 'db') });
  try {
    const accounts = new OpsAccounts(storage, () => new Date());
    const actor = `cli:${process.env.USER ?? 'unknown'}`;
    if (command === 'list') {
      for (const u of await accounts.listUsers()) console.log(`${u.username}\t${u.role}\t${u.lockedUntil && u.lockedUntil > new Date() ? `locked until ${u.lockedUntil.toISOString()}` : u.mustChangePassword ? 'one-time password' : 'active'}`);
      return 0;
    }
    if (!username) {
      console.error(usage);
      return 2;
    }
    if (command === 'add') {
      const role = opsRoles.find((r) => r === values.role);
      if (!role) {
        console.error('--role must be viewer, operator or admin');
        return 2;
      }
      const created = await accounts.createUser(actor, username, role);
      if (!created.ok) {
        console.error(created.reason === 'exists' ? `${username} exists already` : 'usernames are 2–32 of a-z 0-9 . _ -, starting with a letter');
        return 1;
      }
      console.log(`${username} (${role}): one-time password ${created.password}`);
      return 0;
    }
    if (command === 'reset') {
      const reset = await accounts.resetPassword(actor, username);
      if (!reset.ok) return notFound(username);
      console.log(`${username}: one-time password ${reset.password}`);
      return 0;
    }
    if (command === 'unlock') {
      const unlocked = await accounts.unlock(actor, username);
      if (!unlocked.ok) return notFound(username);
      console.log(`${username}: unlocked`);
      return 0;
    }
    console.error(usage);
    return 2;
  } finally {
    await storage.close();
  }
}

function notFound(username: string): number {
  console.error(`no user ${username}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`ops-user: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
