// `npm run screenshots`: every screen of the citizen UI in zh-CN, zh-CN elder mode and English, as PNGs in
// screenshots/<mode>/<nn>-<screen>.png with an index (screenshots/index.md), for people to look at. Needs the build
// (the npm script builds what is stale first) and Debian's Chromium. `npm run screenshots -- en` walks one mode only.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from './kiosk-process';
import { startWalkEnvironment, walkModes, walkScreens } from './screen-walker';

const outDir = path.join(projectRoot, 'screenshots');

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const modes = walkModes.filter((mode) => asked.length === 0 || asked.includes(mode));
  await rm(outDir, { recursive: true, force: true });
  const env = await startWalkEnvironment();
  const index: string[] = ['# Kiosk screens', '', 'Written by `npm run screenshots`; 1280×800, the built kiosk with simulated devices.', ''];
  try {
    for (const mode of modes) {
      await mkdir(path.join(outDir, mode), { recursive: true });
      index.push(`## ${mode}`, '');
      let n = 0;
      await walkScreens(env, mode, async (page, screen) => {
        const file = `${String(++n).padStart(2, '0')}-${screen}.png`;
        await page.screenshot({ path: path.join(outDir, mode, file) });
        index.push(`- [${screen}](${mode}/${file})`);
        process.stdout.write(`${mode}/${file}\n`);
      });
      index.push('');
    }
  } finally {
    await env.close();
  }
  await writeFile(path.join(outDir, 'index.md'), index.join('\n'));
  process.stdout.write(`screenshots: ${path.relative(process.cwd(), path.join(outDir, 'index.md'))}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
