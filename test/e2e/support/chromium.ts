// Debian's Chromium through playwright-core: Playwright's own browser download cannot work here.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!chromiumPath) throw new Error('No Chromium found: install Debian package "chromium" (.ci/run does).');
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}
