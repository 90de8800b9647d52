// `<dataDir>/kiosk-api.json`: how local tools (npm run simulate, load and crash tests) reach a running kiosk's KioskApi.
// It holds the per-run token, so it is written 0600 into the kiosk's own data directory and removed on a clean stop.
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { BrowserHost } from './browser-host';

export const ApiFile = z.object({ url: z.url(), origin: z.url(), token: z.string().min(1) });
export type ApiFile = z.infer<typeof ApiFile>;

export function apiFilePath(dataDir: string): string {
  return path.join(dataDir, 'kiosk-api.json');
}

export async function writeApiFile(file: string, host: Pick<BrowserHost, 'pageUrl' | 'origin'>): Promise<void> {
  const token = new URLSearchParams(new URL(host.pageUrl).hash.slice(1)).get('token') ?? '';
  const contents: ApiFile = { url: host.pageUrl, origin: host.origin, token };
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(contents)}\n`, { mode: 0o600 });
  await rename(temp, file);
}
