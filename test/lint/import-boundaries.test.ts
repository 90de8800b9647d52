// Proves the import boundaries in eslint.config.js fire: each forbidden import below must fail lint, and each allowed
// one must pass. The sources are linted as if they lived at the given path; nothing is written to those folders.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const forbidden: [file: string, source: string][] = [
  ['renderer/app/Forbidden.tsx', "import { createKiosk } from '../../main/composition/create-kiosk';\nvoid createKiosk;\n"],
  ['renderer/app/forbidden.ts', "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n"],
  ['renderer/app/forbidden.ts', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer;\n"],
  ['renderer/app/forbidden.ts', "import * as drivers from '../../drivers/idcard/id-number';\nvoid drivers;\n"],
  ['renderer/app/forbidden.ts', "import * as platform from '../../platform/server';\nvoid platform;\n"],
  ['contracts/forbidden.ts', "import { readFileSync } from 'fs';\nvoid readFileSync;\n"],
  ['contracts/forbidden.ts', "import { createKioskApiServer } from '../main/api/kiosk-api-server';\nvoid createKioskApiServer;\n"],
  ['contracts/forbidden.ts', "import pino from 'pino';\nvoid pino;\n"],
  ['drivers/idcard/forbidden.ts', "import { createKiosk } from '../../main/composition/create-kiosk';\nvoid createKiosk;\n"],
  ['platform/forbidden.ts', "import * as drivers from '../drivers/idcard/id-number';\nvoid drivers;\n"],
  ['main/browser-host/forbidden.ts', "import { app } from 'electron';\nvoid app;\n"],
  ['main/api/forbidden.ts', "import * as ui from '../../renderer/app/App';\nvoid ui;\n"],
  ['kiosk-config/forbidden.ts', "import * as m from '../main/api/kiosk-api-server';\nvoid m;\n"],
];

const allowed: [file: string, source: string][] = [
  ['renderer/app/allowed.ts', "import { kioskCommands } from '../../contracts/kiosk-api';\nvoid kioskCommands;\n"],
  ['contracts/allowed.ts', "import { z } from 'zod';\nvoid z;\n"],
  ['main/electron/allowed.ts', "import { app } from 'electron';\nvoid app;\n"],
  ['main/api/allowed.ts', "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n"],
  ['drivers/idcard/allowed.ts', "import { z } from 'zod';\nimport { readFileSync } from 'node:fs';\nvoid z;\nvoid readFileSync;\n"],
];

describe('import boundaries (design.md "Boundaries")', () => {
  it.each(forbidden)('%s may not: %s', async (file, source) => {
    expect(await boundaryErrors(file, source)).not.toEqual([]);
  });

  it.each(allowed)('%s may: %s', async (file, source) => {
    expect(await boundaryErrors(file, source)).toEqual([]);
  });
});
