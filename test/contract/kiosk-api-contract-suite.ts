// One KioskApi contract suite, run against every transport (see *.contract.test.ts beside this file).
// A transport passes when the screen's client and the Node side's server behave the same through it as in-process.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UiSettings } from '../../contracts/kiosk-api';
import { type KioskApiClient, KioskApiError } from '../../contracts/kiosk-api-client';
import { type KioskApiHandlers, type KioskApiServer, createKioskApiServer } from '../../main/api/kiosk-api-server';
import type { CitizenCommand } from '../../main/services/citizen-services';
import type { MaintenanceCommand } from '../../main/maintenance/maintenance-handlers';
import { stubMaintenanceHandlers } from '../../main/maintenance/test-support/stub-maintenance-handlers';

export interface ContractHarness {
  /** The screen's typed client, through the transport under test. */
  client: KioskApiClient;
  /** Sends a request through the transport without the client's own validation (what a hostile page could send). */
  rawInvoke(command: string, input: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export type ConnectTransport = (server: KioskApiServer) => Promise<ContractHarness>;

export const sampleSettings: UiSettings = {
  defaultLocale: 'zh-CN',
  elderModeDefault: false,
  speech: { enabled: true, volume: 0.8 },
  idle: { warnAfterSeconds: 60, countdownSeconds: 30 },
};

/**
 * Handlers for the citizen-session and simulation commands that answer fixed values, for tests of a transport or a
 * shell that need a complete handler set (the real ones are main/services/citizen-services.ts).
 */
/** Every command but the system ones: the citizen's and (stubbed: no staff) maintenance mode's. */
export const stubCitizenHandlers: Pick<KioskApiHandlers, CitizenCommand | MaintenanceCommand> = {
  'session.start': () => ({ sessionId: '00000000-0000-4000-8000-000000000000' }),
  'session.end': () => ({ ended: false }),
  'identity.readCard': () => ({ ok: false, error: { code: 'deviceNotReady', message: 'stub' } }),
  'materials.scan': () => ({ ok: false, error: { code: 'deviceNotReady', message: 'stub' }, pages: [] }),
  'materials.remove': () => ({ removed: false }),
  'transaction.submit': () => ({ ok: false, error: { code: 'unavailable', message: 'stub' } }),
  'transaction.result': () => ({ state: 'unknown' }),
  'simulation.list': () => ({ devices: [] }),
  'simulation.run': ({ deviceId }) => ({ ok: false, reason: `no simulated device ${deviceId}` }),
  'catalog.get': () => ({ version: null, departments: [], topics: [], hot: [], items: [], bundles: [] }),
  'catalog.getItem': () => ({ found: false }),
  'identity.compareFace': () => ({ ok: false, error: { code: 'offline', message: 'stub' } }),
  'identity.readQr': () => ({ ok: false, error: { code: 'deviceNotReady', message: 'stub' } }),
  'identity.cancel': () => ({ canceled: false }),
  'catalog.getForm': () => ({ found: false }),
  'form.prefill': () => ({ ok: false, error: { code: 'noSession', message: 'stub' } }),
  'suggestions.get': () => ({ ok: false, error: { code: 'offline', message: 'stub' } }),
  'materials.thumbnail': () => ({ found: false }),
  'print.receipt': () => ({ ok: false, error: { code: 'deviceNotReady', message: 'stub' } }),
  'print.certificate': () => ({ ok: false, error: { code: 'deviceNotReady', message: 'stub' } }),
  'progress.query': () => ({ ok: false, error: { code: 'offline', message: 'stub' } }),
  'progress.readReceiptQr': () => ({ ok: false, error: { code: 'deviceNotReady', message: 'stub' } }),
  'system.getPlatformStatus': () => ({ online: false, since: new Date(0).toISOString() }),
  'rating.submit': () => ({ ok: false, error: { code: 'unavailable', message: 'stub' } }),
  'search.used': () => ({ counted: false }),
  ...stubMaintenanceHandlers,
};

/** The screen-lock query of remote commands (main/commands/), answering "not locked". */
export const stubRemoteScreenHandlers: Pick<KioskApiHandlers, 'screen.getLock'> = { 'screen.getLock': () => ({ locked: false }) };

export interface RecordingLogger {
  entries: { level: 'warn' | 'error'; fields: object; message: string }[];
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export function recordingLogger(): RecordingLogger {
  const entries: RecordingLogger['entries'] = [];
  return {
    entries,
    warn: (fields, message) => entries.push({ level: 'warn', fields, message }),
    error: (fields, message) => entries.push({ level: 'error', fields, message }),
  };
}

export function describeKioskApiContract(transportName: string, connect: ConnectTransport): void {
  describe(`KioskApi contract over ${transportName}`, () => {
    let handlers: KioskApiHandlers;
    let server: KioskApiServer;
    let harness: ContractHarness;
    let logger: RecordingLogger;

    beforeEach(async () => {
      handlers = {
        'system.getInfo': () => ({
          product: 'gov-kiosk',
          version: '0.0.0-test',
          terminalId: 'T-TEST-1',
          terminalName: '测试终端',
          shell: 'browser',
          startedAt: new Date(0).toISOString(),
        }),
        'system.ping': ({ nonce }) => ({ nonce, receivedAt: new Date().toISOString() }),
        'ui.getSettings': () => sampleSettings,
        ...stubCitizenHandlers,
        ...stubRemoteScreenHandlers,
      };
      logger = recordingLogger();
      // Handlers are looked up per call, so a test may replace one after the server exists.
      server = createKioskApiServer({
        handlers: new Proxy({} as KioskApiHandlers, { get: (_t, key) => handlers[key as keyof KioskApiHandlers] }),
        logger,
      });
      harness = await connect(server);
    });

    afterEach(async () => {
      await harness.close();
    });

    it('round-trips a command with typed input and output', async () => {
      const pong = await harness.client.invoke('system.ping', { nonce: 'n-1' });
      expect(pong.nonce).toBe('n-1');
      expect(Number.isNaN(Date.parse(pong.receivedAt))).toBe(false);
      const info = await harness.client.invoke('system.getInfo', {});
      expect(info.terminalName).toBe('测试终端');
    });

    it('refuses bad input in the client before it is sent', async () => {
      let called = false;
      handlers['system.ping'] = ({ nonce }) => {
        called = true;
        return { nonce, receivedAt: new Date().toISOString() };
      };
      // @ts-expect-error: the wrong type on purpose
      await expect(harness.client.invoke('system.ping', { nonce: 42 })).rejects.toMatchObject({ code: 'invalidInput' });
      expect(called).toBe(false);
    });

    it('refuses bad input on the Node side when a page bypasses the client', async () => {
      let called = false;
      handlers['system.ping'] = ({ nonce }) => {
        called = true;
        return { nonce, receivedAt: new Date().toISOString() };
      };
      const result = await harness.rawInvoke('system.ping', { nonce: '', extra: true });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
      expect(called).toBe(false);
    });

    it('refuses an unknown command', async () => {
      const result = await harness.rawInvoke('system.shutdown', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknownCommand' } });
    });

    it('refuses a command name inherited from Object.prototype', async () => {
      const result = await harness.rawInvoke('__proto__', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknownCommand' } });
    });

    it('does not pass an invalid answer from the Node side to the screen', async () => {
      handlers['system.getInfo'] = () => ({ product: 'gov-kiosk' }) as never;
      await expect(harness.client.invoke('system.getInfo', {})).rejects.toMatchObject({ code: 'invalidOutput' });
      expect(logger.entries.some((e) => e.level === 'error')).toBe(true);
    });

    it('turns a failing handler into a generic error without its details', async () => {
      handlers['system.getInfo'] = () => {
        throw new Error('disk exploded at /secret/path 110101199003078515');
      };
      const error = await harness.client.invoke('system.getInfo', {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KioskApiError);
      expect((error as KioskApiError).code).toBe('internal');
      expect((error as KioskApiError).message).not.toContain('110101199003078515');
      expect((error as KioskApiError).message).not.toContain('/secret/path');
    });

    it('delivers pushed events, validated, to subscribed screens only while subscribed', async () => {
      // Events go to screens connected at the time; a round trip first makes sure this one is.
      await harness.client.invoke('system.ping', { nonce: 'connect' });
      const received: UiSettings[] = [];
      const stop = harness.client.on('ui.settingsChanged', (settings) => received.push(settings));
      const changed: UiSettings = { ...sampleSettings, defaultLocale: 'en' };
      server.publish('ui.settingsChanged', changed);
      await expect.poll(() => received.length).toBe(1);
      expect(received[0]).toEqual(changed);
      stop();
      server.publish('ui.settingsChanged', sampleSettings);
      // A round trip after the publish proves the event had time to arrive, had it been delivered.
      await harness.client.invoke('system.ping', { nonce: 'flush' });
      expect(received).toHaveLength(1);
    });

    it('refuses to publish an event that fails its schema', () => {
      expect(() => server.publish('ui.settingsChanged', { defaultLocale: 'fr' } as never)).toThrow();
    });

    it('keeps answers paired with their requests when many are in flight', async () => {
      const nonces = Array.from({ length: 50 }, (_, i) => `n-${i}`);
      handlers['system.ping'] = async ({ nonce }) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
        return { nonce, receivedAt: new Date().toISOString() };
      };
      const answers = await Promise.all(nonces.map((nonce) => harness.client.invoke('system.ping', { nonce })));
      expect(answers.map((a) => a.nonce)).toEqual(nonces);
    });
  });
}
