// Terminal registry: registering a terminal creates its secret; the credentials file is what the terminal's
// installer (or, for the embedded demo, the kiosk itself) reads to sign requests.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TerminalCredentials } from '../../contracts/sync-api';
import type { PlatformStorage } from '../storage/platform-storage';

export interface TerminalRegistration {
  terminalId: string;
  name: string;
  /** 行政区划代码, the first part of the terminal's case numbers. */
  region: string;
}

/** The demo terminal the embedded kiosk uses (kiosk-config's default terminal id). */
export const demoTerminal: TerminalRegistration = { terminalId: 'DEMO-0001', name: '演示终端', region: '370202' };

/** Registers a terminal with a fresh secret, or returns the existing one's credentials unchanged. */
export async function provisionTerminal(storage: PlatformStorage, registration: TerminalRegistration, now: Date = new Date()): Promise<TerminalCredentials> {
  await storage.q.insertTerminal({ ...registration, secret: randomBytes(32).toString('base64url'), createdAt: now });
  const terminal = await storage.q.getTerminal(registration.terminalId);
  if (!terminal) throw new Error(`terminal ${registration.terminalId} missing right after registration`);
  return { terminalId: terminal.terminalId, secret: terminal.secret };
}

/** Where `writeCredentialsFile` puts a terminal's credentials under the platform's data directory. */
export function credentialsPath(dataDir: string, terminalId: string): string {
  return path.join(dataDir, 'terminals', `${terminalId}.json`);
}

/** Writes the credentials atomically, readable by the owner only (0600). */
export async function writeCredentialsFile(file: string, credentials: TerminalCredentials): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(TerminalCredentials.parse(credentials), null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
}

export async function readCredentialsFile(file: string): Promise<TerminalCredentials> {
  return TerminalCredentials.parse(JSON.parse(await readFile(file, 'utf8')));
}
