// Remote operations at the platform over HTTP (PGlite): commands are per terminal and audited, a result for another
// terminal's command is refused, the update feed is served with the channel's stagingPercentage, and a failed health
// check pins the terminal to the version it went back to.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpsCommand } from '../../contracts/remote-operations';
import { type RunningPlatform, startPlatform } from '../start-platform';
import { SignedClient } from '../test-support/signed-client';
import { type FreshStorage, openFreshStorage } from '../test-support/storage-backends';
import { provisionTerminal } from '../terminals/provision';

let fresh: FreshStorage;
let platform: RunningPlatform;
let updatesDir: string;
const opsToken = randomBytes(24).toString('base64url');
let a: SignedClient;
let b: SignedClient;

function ops(method: string, target: string, body?: unknown): Promise<Response> {
  return fetch(`${platform.url}${target}`, {
    method,
    headers: { authorization: `Bearer ${opsToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

beforeAll(async () => {
  updatesDir = await mkdtemp(path.join(tmpdir(), 'platform-updates-'));
  await mkdir(path.join(updatesDir, 'latest'));
  await writeFile(path.join(updatesDir, 'latest', 'latest-linux.yml'), "version: 1.3.0\nfiles:\n  - url: gov-kiosk-1.3.0.AppImage\n    sha512: abc==\n    size: 10\npath: gov-kiosk-1.3.0.AppImage\nsha512: abc==\nreleaseDate: '2026-11-20T02:00:00.000Z'\nstagingPercentage: 10\n");
  await writeFile(path.join(updatesDir, 'latest', 'gov-kiosk-1.3.0.AppImage'), 'ELF-bytes!');
  fresh = await openFreshStorage('pglite');
  platform = await startPlatform({ storage: fresh.storage, opsToken, updatesDir });
  a = new SignedClient(platform.url, await provisionTerminal(fresh.storage, { terminalId: 'QD-A-0001', name: 'A', region: '370202' }));
  b = new SignedClient(platform.url, await provisionTerminal(fresh.storage, { terminalId: 'QD-B-0001', name: 'B', region: '370212' }));
}, 60_000);

afterAll(async () => {
  await platform?.close();
  await fresh?.close();
  await rm(updatesDir, { recursive: true, force: true });
});

describe('remote commands at the platform', () => {
  it('queues per terminal, announces in heartbeats, refuses another terminal’s result, audits', async () => {
    expect((await ops('POST', '/v1/ops/terminals/NOPE/commands', { kind: 'reloadUi' })).status).toBe(404);
    expect((await ops('POST', '/v1/ops/terminals/QD-A-0001/commands', { kind: 'format-disk' })).status).toBe(400);
    const queued = (await (await ops('POST', '/v1/ops/terminals/QD-A-0001/commands', { kind: 'lock', message: '暂停服务' })).json()) as OpsCommand;
    expect(queued).toMatchObject({ terminalId: 'QD-A-0001', kind: 'lock', message: '暂停服务', status: 'pending', queuedBy: 'api-token' });

    const heartbeat = { sentAt: new Date().toISOString(), versions: { app: '1.2.0', catalog: null }, queue: { depth: 0, oldestPendingAgeSeconds: null, needsAttention: 0 }, devices: [] };
    expect((await a.send('POST', '/v1/heartbeats', { json: heartbeat })).json()).toMatchObject({ commands: [queued.id], settings: null });
    expect((await b.send('POST', '/v1/heartbeats', { json: heartbeat })).json()).toMatchObject({ commands: [] });
    expect((await b.send('GET', '/v1/commands')).json()).toEqual({ commands: [] });
    expect((await a.send('GET', '/v1/commands')).json()).toEqual({ commands: [{ id: queued.id, kind: 'lock', message: '暂停服务', queuedAt: queued.queuedAt }] });

    const result = { outcome: 'done', detail: 'the screen is locked', finishedAt: new Date().toISOString() };
    expect((await b.send('POST', `/v1/commands/${queued.id}/result`, { json: result })).status).toBe(404);
    expect((await a.send('POST', `/v1/commands/${queued.id}/result`, { json: result })).json()).toMatchObject({ outcome: 'done', repeated: false });
    expect((await a.send('POST', `/v1/commands/${queued.id}/result`, { json: { ...result, outcome: 'failed' } })).json()).toMatchObject({ outcome: 'done', repeated: true });
    expect((await a.send('POST', '/v1/heartbeats', { json: heartbeat })).json()).toMatchObject({ commands: [] });

    const audit = await fresh.storage.ops.listAudit({ limit: 20 });
    expect(audit.map((e) => e.action)).toContain('command.queue');
  });
});

describe('update feed', () => {
  it('serves the feed with the channel’s stagingPercentage once ops set it, and nothing outside the folder', async () => {
    const before = await fetch(`${platform.url}/updates/latest/latest-linux.yml`);
    expect(await before.text()).toContain('stagingPercentage: 10');
    expect((await ops('PUT', '/v1/ops/update-channels/latest', { stagingPercentage: 50 })).status).toBe(200);
    const after = await (await fetch(`${platform.url}/updates/latest/latest-linux.yml`)).text();
    expect(after).toContain('stagingPercentage: 50');
    expect(after).not.toContain('stagingPercentage: 10');
    expect(await (await fetch(`${platform.url}/updates/latest/gov-kiosk-1.3.0.AppImage`)).text()).toBe('ELF-bytes!');
    expect((await fetch(`${platform.url}/updates/latest/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    expect((await fetch(`${platform.url}/updates/Latest/latest-linux.yml`)).status).toBe(404);
    expect((await ops('PUT', '/v1/ops/update-channels/latest', { stagingPercentage: 101 })).status).toBe(400);
  });

  it('pins a terminal whose health check failed to the version it went back to, and unpins after a good install', async () => {
    const failed = await a.send('POST', '/v1/update-reports', { json: { channel: 'latest', fromVersion: '1.2.0', toVersion: '1.3.0', outcome: 'healthCheckFailed', detail: 'screen did not load' } });
    expect(failed.json()).toEqual({ pinnedVersion: '1.2.0' });
    expect(await fresh.storage.fleet.pin('QD-A-0001')).toMatchObject({ version: '1.2.0', failedVersion: '1.3.0' });
    const installed = await a.send('POST', '/v1/update-reports', { json: { channel: 'latest', fromVersion: '1.2.0', toVersion: '1.3.1', outcome: 'installed', detail: 'ok' } });
    expect(installed.json()).toEqual({ pinnedVersion: null });
    expect(await fresh.storage.fleet.pin('QD-A-0001')).toBeUndefined();
  });

  it('serves a pinned terminal the release it is pinned to, until a release newer than the failed one is out', async () => {
    const feedFor = async (terminal?: string) => (await fetch(`${platform.url}/updates/latest/latest-linux.yml${terminal ? `?terminal=${terminal}` : ''}`)).text();
    const releases = path.join(updatesDir, 'latest', 'releases', '1.2.0');
    await mkdir(releases, { recursive: true });
    await writeFile(path.join(releases, 'latest-linux.yml'), "version: 1.2.0\nfiles:\n  - url: gov-kiosk-1.2.0.AppImage\n    sha512: old==\n    size: 10\npath: gov-kiosk-1.2.0.AppImage\nsha512: old==\nreleaseDate: '2026-11-01T02:00:00.000Z'\nstagingPercentage: 5\n");
    await a.send('POST', '/v1/update-reports', { json: { channel: 'latest', fromVersion: '1.2.0', toVersion: '1.3.0', outcome: 'healthCheckFailed', detail: 'no heartbeat' } });

    const pinned = await feedFor('QD-A-0001');
    expect(pinned).toMatch(/^version: 1\.2\.0$/m);
    expect(pinned).not.toContain('stagingPercentage');
    // Everyone else, and the same terminal on another channel's terms, see the channel as it is.
    expect(await feedFor()).toMatch(/^version: 1\.3\.0$/m);
    expect(await feedFor('QD-B-0001')).toMatch(/^version: 1\.3\.0$/m);
    // The installer itself is the same file for every view.
    expect(await (await fetch(`${platform.url}/updates/latest/gov-kiosk-1.3.0.AppImage?terminal=QD-A-0001`)).text()).toBe('ELF-bytes!');

    // A fix (1.3.1) is published: the pin no longer holds the terminal back.
    const current = path.join(updatesDir, 'latest', 'latest-linux.yml');
    const original = await readFile(current, 'utf8');
    await writeFile(current, original.replaceAll('1.3.0', '1.3.1'));
    expect(await feedFor('QD-A-0001')).toMatch(/^version: 1\.3\.1$/m);
    await writeFile(current, original);
    await fresh.storage.fleet.unpinTerminal('QD-A-0001');
  });
});
