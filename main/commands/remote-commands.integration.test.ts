// Remote commands and pushed settings end to end, with real parts: the reference platform as a process (queued
// through its ops API), the real sync agent (heartbeat answers name pending commands and the settings' ETag), the
// online client, the real SessionStore, the runner, the journal and the lock file in a temporary folder.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpsCommandList, type OpsCommand, type RemoteCommandKind } from '../../contracts/remote-operations';
import { ConfigStore } from '../../kiosk-config/config-store';
import type { Outbox } from '../outbox/outbox';
import { openTestOutbox, tempDataDir } from '../outbox/test-support/outbox-fixture';
import { SessionStore } from '../services/session-store';
import { PushedSettings } from '../settings/pushed-settings';
import { systemClock } from '../sync/clock';
import { SyncClient } from '../sync/sync-client';
import type { SyncAgent } from '../sync/sync-agent';
import { type PlatformProcess, startPlatformProcess } from '../sync/test-support/platform-process';
import { startAgent, waitFor } from '../sync/test-support/sync-fixture';
import { commandHandlers } from './command-handlers';
import { CommandJournal } from './command-journal';
import { CommandRunner } from './command-runner';
import { ScreenLockState } from './screen-lock';

const quiet = { info() {}, warn() {}, error() {} };
const terminal = 'DEMO-0001';

let platform: PlatformProcess;
let temp: ReturnType<typeof tempDataDir>;
let outbox: Outbox;
let agent: SyncAgent | undefined;
let runner: CommandRunner | undefined;
let sessions: SessionStore;

beforeAll(async () => {
  platform = await startPlatformProcess();
}, 90_000);
afterAll(async () => {
  await platform.remove();
});
beforeEach(async () => {
  temp = tempDataDir('remote-commands-');
  outbox = await openTestOutbox(temp.dataDir);
  sessions = await SessionStore.open({ dir: path.join(temp.dataDir, 'sessions'), logger: quiet });
});
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
  await agent?.stop();
  agent = undefined;
  await sessions.close();
  await outbox.close();
  temp.remove();
});

async function queue(kind: RemoteCommandKind, message?: string): Promise<OpsCommand> {
  const answer = await platform.ops('POST', `/v1/ops/terminals/${terminal}/commands`, { kind, ...(message ? { message } : {}) });
  expect(answer.status).toBe(200);
  return (await answer.json()) as OpsCommand;
}

async function atPlatform(id: string): Promise<OpsCommand | undefined> {
  const list = OpsCommandList.parse(await (await platform.ops('GET', `/v1/ops/terminals/${terminal}/commands`)).json());
  return list.commands.find((c) => c.id === id);
}

function online(): SyncClient {
  return new SyncClient({ platformUrl: platform.url, credentials: platform.credentials, clock: systemClock, requestTimeoutMs: 5_000 });
}

async function startKioskSide(options: { restarts?: () => void } = {}) {
  const dir = path.join(temp.dataDir, 'remote');
  const lock = await ScreenLockState.open(dir, quiet);
  const client = online();
  const reloads: number[] = [];
  const logDir = path.join(temp.dataDir, 'logs');
  await mkdir(logDir, { recursive: true });
  await writeFile(path.join(logDir, 'kiosk.1.log'), `${JSON.stringify({ level: 30, msg: 'kiosk started' })}\n`.repeat(200));
  runner = new CommandRunner({
    source: {
      pending: () => client.request('pendingCommands'),
      report: (id, result) => client.request('commandResult', { params: { commandId: id }, body: result }),
    },
    handlers: commandHandlers({
      reloadScreen: () => reloads.push(sessions.size),
      lock,
      devices: () => [{ id: 'receipt-printer', class: 'receiptPrinter', state: 'online', conditions: ['paperLow'] }],
      logDir,
      hooks: options.restarts ? { restartApp: options.restarts } : {},
    }),
    sessions,
    journal: await CommandJournal.open(dir),
    logger: quiet,
  });
  const started = runner;
  agent = await startAgent({ outbox, credentials: platform.credentials, platformUrl: platform.url, dataDir: temp.dataDir, tuning: { heartbeatIntervalMs: 200 } });
  agent.onHeartbeatAnswer((answer) => started.announce(answer.commands ?? []));
  return { lock, reloads, client, dir };
}

describe('remote commands', () => {
  it('runs a reload queued while a citizen session is open only after the session ends, and acknowledges it', async () => {
    const session = sessions.start();
    const { reloads } = await startKioskSide();
    const reload = await queue('reloadUi');

    await waitFor(() => runner?.waitingFor?.id === reload.id, 'the reload to wait for the session');
    // Several heartbeats later it is still waiting: nothing ran, the platform still has it pending.
    const heartbeatsSoFar = agent?.status().lastHeartbeatAt ?? 0;
    await waitFor(() => (agent?.status().lastHeartbeatAt ?? 0) > heartbeatsSoFar, 'another heartbeat');
    expect(reloads).toEqual([]);
    expect(await atPlatform(reload.id)).toMatchObject({ status: 'pending', fetchedAt: expect.any(String) });

    await sessions.end(session.id);
    await waitFor(() => reloads.length === 1, 'the reload');
    expect(reloads).toEqual([0]);
    await waitFor(async () => (await atPlatform(reload.id))?.status === 'done', 'the result at the platform');
    expect(await atPlatform(reload.id)).toMatchObject({ kind: 'reloadUi', status: 'done', detail: 'the screen was told to reload', queuedBy: 'api-token' });
  }, 60_000);

  it('locks with a message that survives a restart, unlocks, self-tests and collects logs; results are idempotent by id', async () => {
    const { lock, client, dir } = await startKioskSide();
    const locked = await queue('lock', '本机暂停服务，请到 3 号机办理');
    await waitFor(async () => (await atPlatform(locked.id))?.status === 'done', 'the lock');
    expect(lock.current).toEqual({ locked: true, reason: 'remote', message: '本机暂停服务，请到 3 号机办理' });
    expect((await ScreenLockState.open(dir, quiet)).current).toEqual(lock.current);

    const wrongRelease = await queue('maintenanceOff');
    const unlock = await queue('unlock');
    const selfTest = await queue('selfTest');
    const logs = await queue('collectLogs');
    await waitFor(async () => (await atPlatform(logs.id))?.status === 'done', 'the logs');
    expect(await atPlatform(wrongRelease.id)).toMatchObject({ status: 'failed' });
    expect(await atPlatform(unlock.id)).toMatchObject({ status: 'done' });
    expect(lock.current).toEqual({ locked: false });
    expect(await atPlatform(selfTest.id)).toMatchObject({
      status: 'done',
      detail: expect.stringContaining('receipt-printer online (paperLow)'),
      data: { devices: [{ id: 'receipt-printer', class: 'receiptPrinter', state: 'online', conditions: ['paperLow'] }] },
    });
    expect(await atPlatform(logs.id)).toMatchObject({ artifact: expect.stringMatching(/^kiosk-logs-.*\.log\.gz$/) });

    // A repeated result (a lost answer) changes nothing and says so.
    const again = await client.request('commandResult', { params: { commandId: unlock.id }, body: { outcome: 'failed', detail: 'late', finishedAt: new Date().toISOString() } });
    expect(again).toMatchObject({ ok: true, value: { outcome: 'done', repeated: true } });
    expect(await atPlatform(unlock.id)).toMatchObject({ status: 'done' });
  }, 60_000);

  it('reports a restart before restarting; a reboot without a hook is unsupported', async () => {
    let restarts = 0;
    await startKioskSide({ restarts: () => void restarts++ });
    const restart = await queue('restartApp');
    await waitFor(() => restarts === 1, 'the restart');
    // Reported before the restart: the result is at the platform.
    expect(await atPlatform(restart.id)).toMatchObject({ status: 'done', detail: 'the kiosk restarts' });
    const reboot = await queue('reboot');
    await waitFor(async () => (await atPlatform(reboot.id))?.status === 'unsupported', 'the reboot result (no hook)');
  }, 60_000);
});

describe('pushed settings', () => {
  it('applies the signed fleet → region → terminal document, refuses a tampered, foreign, older or overreaching one and keeps the last good', async () => {
    expect((await platform.ops('PUT', '/v1/ops/settings/fleet', { overrides: { ui: { idle: { warnAfterSeconds: 45 } }, logging: { level: 'warn' } } })).status).toBe(200);
    expect((await platform.ops('PUT', '/v1/ops/settings/region:370202', { overrides: { ui: { speech: { volume: 0.5 } } } })).status).toBe(200);
    expect((await platform.ops('PUT', `/v1/ops/settings/terminal:${terminal}`, { overrides: { logging: { level: 'debug' } } })).status).toBe(200);
    const client = online();
    const config = new ConfigStore([{ source: 'terminal.json', data: { terminal: { id: terminal } } }]);
    const offered = await client.request('settings');
    if (!offered.ok) throw new Error('no settings');
    let next = offered.value;
    const settings = await PushedSettings.open({
      dir: path.join(temp.dataDir, 'remote'),
      terminalId: terminal,
      publicKey: platform.credentials.catalogPublicKey,
      config,
      fetch: async () => ({ ok: true, value: next }),
      logger: quiet,
    });
    settings.announce({ version: next.version, etag: next.etag });
    await settings.settled();
    expect(settings.status()).toMatchObject({ version: offered.value.version, lastError: null });
    expect(config.current.ui.idle.warnAfterSeconds).toBe(45);
    expect(config.current.ui.speech.volume).toBe(0.5);
    expect(config.current.logging.level).toBe('debug');

    const refused = async (value: typeof next, reason: RegExp) => {
      next = value;
      settings.announce({ version: value.version, etag: `${value.etag.slice(0, 63)}x` });
      await settings.settled();
      expect(settings.status().lastError).toMatch(reason);
      expect(config.current.ui.idle.warnAfterSeconds).toBe(45);
      expect(settings.status().version).toBe(offered.value.version);
    };
    const good = offered.value;
    await refused({ ...good, text: good.text.replace('"warnAfterSeconds":45', '"warnAfterSeconds":5') }, /signature does not verify/);
    await refused({ ...good, signature: `ed25519:${'A'.repeat(86)}` }, /signature does not verify/);
    // One character of the signature changed (in the middle: the last base64url character carries padding bits, so
    // changing it may leave the decoded signature as it was).
    const at = 'ed25519:'.length + 20;
    await refused({ ...good, signature: `${good.signature.slice(0, at)}${good.signature[at] === 'A' ? 'B' : 'A'}${good.signature.slice(at + 1)}` }, /signature/);

    // A later push that moves the platform URL is refused by the allow-list before anything changes.
    expect((await platform.ops('PUT', `/v1/ops/settings/terminal:${terminal}`, { overrides: { platform: { mode: 'remote', url: 'https://evil.example' } } })).status).toBe(200);
    const overreaching = await client.request('settings');
    if (!overreaching.ok) throw new Error('no settings');
    await refused(overreaching.value, /may not: platform/);

    // A valid push that makes the configuration invalid is refused as a whole.
    expect((await platform.ops('PUT', `/v1/ops/settings/terminal:${terminal}`, { overrides: { ui: { idle: { countdownSeconds: 5 } } } })).status).toBe(200);
    const invalid = await client.request('settings');
    if (!invalid.ok) throw new Error('no settings');
    await refused(invalid.value, /configuration invalid/);

    // The stored document is the last good one: a fresh start applies it again.
    const restarted = new ConfigStore([{ source: 'terminal.json', data: { terminal: { id: terminal } } }]);
    const reopened = await PushedSettings.open({ dir: path.join(temp.dataDir, 'remote'), terminalId: terminal, publicKey: platform.credentials.catalogPublicKey, config: restarted, fetch: async () => ({ ok: true, value: next }), logger: quiet });
    expect(reopened.status().version).toBe(good.version);
    expect(restarted.current.ui.idle.warnAfterSeconds).toBe(45);
    // …and an older document than the one in force is refused (a replay).
    expect((await platform.ops('PUT', `/v1/ops/settings/terminal:${terminal}`, { overrides: { logging: { level: 'info' } } })).status).toBe(200);
    const newer = await client.request('settings');
    if (!newer.ok) throw new Error('no settings');
    next = newer.value;
    reopened.announce({ version: newer.value.version, etag: newer.value.etag });
    await reopened.settled();
    expect(reopened.status()).toMatchObject({ version: newer.value.version, lastError: null });
    next = good;
    reopened.announce({ version: good.version, etag: good.etag });
    await reopened.settled();
    expect(reopened.status().lastError).toMatch(/older than version/);
    client.close();
  }, 60_000);

  it('is announced in heartbeat answers with its ETag', async () => {
    expect((await platform.ops('PUT', '/v1/ops/settings/fleet', { overrides: { ui: { elderModeDefault: true } } })).status).toBe(200);
    const answers: unknown[] = [];
    agent = await startAgent({ outbox, credentials: platform.credentials, platformUrl: platform.url, dataDir: temp.dataDir, tuning: { heartbeatIntervalMs: 200 } });
    agent.onHeartbeatAnswer((answer) => answers.push(answer.settings));
    await waitFor(() => answers.length > 0, 'a heartbeat answer');
    expect(answers[0]).toMatchObject({ version: expect.any(Number), etag: expect.stringMatching(/^[0-9a-f]{64}$/) });
  }, 60_000);
});
