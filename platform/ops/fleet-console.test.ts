// The console's remote-operations pages over real HTTP on both storage backends: an operator queues a command from
// the terminal page and sees its state and result as the terminal reports it; edits a settings layer that the
// terminal then gets signed; sets a channel's rollout that the feed serves; downloads collected logs; every change is
// audited; viewers and forged posts change nothing.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { syncApi } from '../../contracts/sync-api';
import { type RunningPlatform, startPlatform } from '../start-platform';
import { type ConsoleSession, signedInUser } from '../test-support/console-session';
import { SignedClient } from '../test-support/signed-client';
import { describeEachStorage } from '../test-support/storage-backends';
import { provisionTerminal } from '../terminals/provision';

describeEachStorage('ops console: commands, settings, updates', (backend) => {
  let platform: RunningPlatform;
  let updatesDir: string;
  let operator: ConsoleSession;
  let viewer: ConsoleSession;
  let kiosk: SignedClient;

  beforeAll(async () => {
    updatesDir = await mkdtemp(path.join(tmpdir(), 'ops-updates-'));
    await mkdir(path.join(updatesDir, 'stable'));
    await writeFile(path.join(updatesDir, 'stable', 'latest-linux.yml'), "version: 1.4.0\nfiles:\n  - url: kiosk-1.4.0.AppImage\npath: kiosk-1.4.0.AppImage\nreleaseDate: '2026-11-01T00:00:00.000Z'\n");
    platform = await startPlatform({ storage: backend.storage, updatesDir, opsAccountPolicy: { cost: { log2N: 10, r: 8, p: 1 } } });
    kiosk = new SignedClient(platform.url, await provisionTerminal(backend.storage, { terminalId: 'QD-SN-0101', name: '市南区 101', region: '370202' }));
    operator = (await signedInUser(platform, 'fleet-operator', 'operator')).session;
    viewer = (await signedInUser(platform, 'fleet-viewer', 'viewer')).session;
  });

  afterAll(async () => {
    await platform?.close();
    await rm(updatesDir, { recursive: true, force: true });
  });

  const audited = async (action: string) => (await backend.storage.ops.listAudit({ limit: 200 })).filter((e) => e.action === action);

  it('an operator queues a command on the terminal page; the page shows it waiting, fetched, then its result', async () => {
    let page = await operator.page('/ops/terminals/QD-SN-0101');
    expect(page.text).toContain('data-testid="command-form"');
    expect(page.text).toContain('尚无指令。');
    const posted = await operator.post('/ops/terminals/QD-SN-0101/commands', { kind: 'lock', message: '设备检修中，请到 3 号机办理' });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/ops/terminals/QD-SN-0101?queued=lock');
    page = await operator.page('/ops/terminals/QD-SN-0101?queued=lock');
    expect(page.text).toContain('已下发指令“锁定屏幕”。');
    expect(page.text).toMatch(/data-kind="lock" data-state="pending"/);
    expect(page.text).toContain('设备检修中，请到 3 号机办理');

    // The terminal fetches it (as its heartbeat answer told it to) and reports.
    const fetched = (await (await kiosk.send('GET', syncApi.pendingCommands.path)).json()) as { commands: { id: string; kind: string }[] };
    expect(fetched.commands.map((c) => c.kind)).toEqual(['lock']);
    expect((await operator.page('/ops/terminals/QD-SN-0101')).text).toMatch(/data-state="fetched"[^]*已取走，等待安全时机/);
    const id = fetched.commands[0]?.id ?? '';
    const result = await kiosk.send('POST', `/v1/commands/${id}/result`, { json: { outcome: 'done', detail: 'screen locked', finishedAt: new Date().toISOString() } });
    expect(result.status).toBe(200);
    page = await operator.page('/ops/terminals/QD-SN-0101');
    expect(page.text).toMatch(/data-state="done"[^]*已完成[^]*screen locked/);

    // The same queue as the ops API's, audited the same way.
    const api = (await (await operator.fetch('/v1/ops/terminals/QD-SN-0101/commands')).json()) as { commands: { id: string; queuedBy: string }[] };
    expect(api.commands).toMatchObject([{ id, queuedBy: 'fleet-operator' }]);
    expect((await audited('command.queue')).map((e) => [e.actor, e.target])).toEqual([['fleet-operator', 'QD-SN-0101']]);
  });

  it('collected logs download for operators only', async () => {
    expect((await operator.post('/ops/terminals/QD-SN-0101/commands', { kind: 'collectLogs' })).status).toBe(303);
    const [command] = ((await (await kiosk.send('GET', syncApi.pendingCommands.path)).json()) as { commands: { id: string }[] }).commands;
    const log = Buffer.from('{"msg":"sync agent started"}\n');
    const artifact = { name: 'kiosk-log.txt', contentType: 'text/plain', base64: log.toString('base64') };
    await kiosk.send('POST', `/v1/commands/${command?.id}/result`, { json: { outcome: 'done', detail: '1 line', finishedAt: new Date().toISOString(), artifact } });
    const page = await operator.page('/ops/terminals/QD-SN-0101');
    expect(page.text).toContain(`href="/ops/commands/${command?.id}/artifact"`);
    const download = await operator.fetch(`/ops/commands/${command?.id}/artifact`);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="kiosk-log.txt"');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(log);
    expect((await viewer.fetch(`/ops/commands/${command?.id}/artifact`)).status).toBe(403);
    expect((await operator.fetch('/ops/commands/00000000-0000-0000-0000-000000000000/artifact')).status).toBe(404);
  });

  it('refuses a command the contract refuses, for an unknown terminal, from a viewer and without the CSRF token', async () => {
    const bad = await operator.post('/ops/terminals/QD-SN-0101/commands', { kind: 'format-disk' });
    expect(bad.headers.get('location')).toMatch(/^\/ops\/terminals\/QD-SN-0101\?refused=/);
    expect((await operator.page(bad.headers.get('location') ?? '')).text).toContain('指令未下发');
    expect((await operator.post('/ops/terminals/NOPE/commands', { kind: 'reloadUi' })).headers.get('location')).toMatch(/refused=no%20terminal%20NOPE/);
    await viewer.page('/ops/terminals/QD-SN-0101');
    expect((await viewer.page('/ops/terminals/QD-SN-0101')).text).toContain('data-testid="commands-viewer"');
    expect((await viewer.post('/ops/terminals/QD-SN-0101/commands', { kind: 'reboot' })).status).toBe(403);
    expect((await operator.post('/ops/terminals/QD-SN-0101/commands', { kind: 'reboot' }, { csrf: false })).status).toBe(403);
    expect((await backend.storage.fleet.terminalCommands('QD-SN-0101', 50)).map((c) => c.kind)).toEqual(['collectLogs', 'lock']);
  });

  it('edits a settings layer that the terminal then gets signed; refuses a non-object and a bad scope', async () => {
    const form = await operator.page('/ops/settings?scope=terminal:QD-SN-0101');
    expect(form.text).toContain('value="terminal:QD-SN-0101"');
    const overrides = JSON.stringify({ ui: { idle: { warnAfterSeconds: 45 } } });
    const published = await operator.post('/ops/settings', { scope: 'terminal:QD-SN-0101', overrides });
    expect(published.status).toBe(200);
    const text = await published.text();
    expect(text).toMatch(/已下发 terminal:QD-SN-0101，修订号 \d+。/);
    expect(text).toContain('data-scope="terminal:QD-SN-0101"');
    const signed = (await (await kiosk.send('GET', syncApi.settings.path)).json()) as { text: string };
    expect(JSON.parse(signed.text)).toMatchObject({ terminalId: 'QD-SN-0101', overrides: { ui: { idle: { warnAfterSeconds: 45 } } } });
    expect((await audited('settings.publish')).map((e) => e.target)).toEqual(['terminal:QD-SN-0101']);

    const array = await operator.post('/ops/settings', { scope: 'fleet', overrides: '[1, 2]' });
    expect(array.status).toBe(400);
    expect(await array.text()).toContain('覆盖配置须为 JSON 对象');
    const broken = await operator.post('/ops/settings', { scope: 'fleet', overrides: '{"ui": ' });
    expect(broken.status).toBe(400);
    // What was typed stays in the form to be fixed.
    expect(await broken.text()).toContain('{&quot;ui&quot;: </textarea>');
    expect((await operator.post('/ops/settings', { scope: 'everything', overrides: '{}' })).status).toBe(400);
    expect((await viewer.post('/ops/settings', { scope: 'fleet', overrides: '{}' })).status).toBe(403);
    expect(await backend.storage.fleet.allSettingsLayers()).toHaveLength(1);
  });

  it('sets a channel rollout that the feed serves; shows the offered version and pinned terminals', async () => {
    let page = await operator.page('/ops/updates');
    expect(page.text).toMatch(/data-channel="stable"[^]*latest-linux\.yml: 1\.4\.0[^]*未设置/);
    const saved = await operator.post('/ops/updates', { channel: 'stable', stagingPercentage: '25' });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('通道 stable 的灰度比例已设为 25%。');
    expect(await (await fetch(`${platform.url}/updates/stable/latest-linux.yml`)).text()).toContain('stagingPercentage: 25');
    expect((await audited('update.staging')).map((e) => [e.actor, e.target, e.detail])).toEqual([['fleet-operator', 'stable', { stagingPercentage: 25 }]]);
    expect((await operator.post('/ops/updates', { channel: 'stable', stagingPercentage: '101' })).status).toBe(400);
    expect((await operator.post('/ops/updates', { channel: '../etc', stagingPercentage: '5' })).status).toBe(400);
    expect((await viewer.post('/ops/updates', { channel: 'stable', stagingPercentage: '100' })).status).toBe(403);

    expect((await kiosk.send('POST', syncApi.updateReport.path, { json: { channel: 'stable', fromVersion: '1.3.2', toVersion: '1.4.0', outcome: 'healthCheckFailed', detail: 'no heartbeat' } })).status).toBe(200);
    page = await viewer.page('/ops/updates');
    expect(page.text).toMatch(/data-testid="update-pins"[^]*QD-SN-0101[^]*1\.3\.2[^]*1\.4\.0/);
    expect(page.text).toContain('25 %');
    expect(page.text).not.toContain('action="/ops/updates"');
  });

  it('speaks English too', async () => {
    await operator.fetch('/ops/lang?to=en&back=/ops/updates');
    operator.cookie = `${operator.cookie}; ops_lang=en`;
    expect((await operator.page('/ops/updates')).text).toContain('Update channels');
    expect((await operator.page('/ops/settings')).text).toContain('Sign and push');
    expect((await operator.page('/ops/terminals/QD-SN-0101')).text).toContain('Remote commands');
  });
});
