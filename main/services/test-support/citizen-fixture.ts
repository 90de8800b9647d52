// Test harness for the citizen services: the kiosk's real simulated devices (createDevices: the ID card driver
// speaking GA 467 to its simulator, the simulated scanner writing PNG pages), a real outbox, and a KioskApi server
// with the citizen handlers, all in a fresh temporary data directory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CommandInput, type CommandName, type CommandOutput, kioskCommands } from '../../../contracts/kiosk-api';
import { DevicesConfig } from '../../../kiosk-config/schema';
import { systemGetInfo } from '../../api/handlers/system-get-info';
import { systemPing } from '../../api/handlers/system-ping';
import { uiGetSettings } from '../../api/handlers/ui-get-settings';
import { type KioskApiServer, createKioskApiServer } from '../../api/kiosk-api-server';
import { type RunningDevices, createDevices } from '../../composition/create-devices';
import { PersonalValues } from '../../logging/personal-values';
import type { Outbox } from '../../outbox/outbox';
import { openTestOutbox, tempDataDir } from '../../outbox/test-support/outbox-fixture';
import { type CitizenServices, type CitizenServicesOptions, createCitizenServices } from '../citizen-services';
import type { ServiceLogger } from '../service-logger';
import { stubMaintenanceHandlers } from '../../maintenance/test-support/stub-maintenance-handlers';

export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const TERMINAL_ID = 'T-TEST-1';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  fields: object;
  message: string;
}

export interface CitizenFixture {
  dataDir: string;
  sessionsDir: string;
  devices: RunningDevices;
  outbox: Outbox;
  services: CitizenServices;
  server: KioskApiServer;
  personalValues: PersonalValues;
  logs: LogEntry[];
  /** Invokes through the KioskApi server (input and output validated); throws on an error envelope. */
  invoke<N extends CommandName>(command: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  /** Runs a simulator action; throws when it is refused. */
  simulate(deviceId: string, action: string, input?: unknown): Promise<void>;
  close(): Promise<void>;
}

export interface CitizenFixtureOptions extends Partial<Pick<CitizenServicesOptions, 'now' | 'sessionIdleMs' | 'maxSessions' | 'terminalName' | 'publicBaseUrl' | 'platform' | 'certificateFont' | 'catalog' | 'terminalId'>> {
  /** The outbox's free-space reserve; default 0 (off). A huge one makes every accept answer diskFull. */
  outboxMinFreeBytes?: number;
}

export async function openCitizenFixture(fixtureOptions: CitizenFixtureOptions = {}): Promise<CitizenFixture> {
  const { outboxMinFreeBytes = 0, ...options } = fixtureOptions;
  const temp = tempDataDir('citizen-');
  const logs: LogEntry[] = [];
  const logger: ServiceLogger = {
    info: (fields, message) => logs.push({ level: 'info', fields, message }),
    warn: (fields, message) => logs.push({ level: 'warn', fields, message }),
    error: (fields, message) => logs.push({ level: 'error', fields, message }),
  };
  const devices = await createDevices({ config: DevicesConfig.parse({}), dataDir: temp.dataDir, projectRoot });
  const outbox = await openTestOutbox(temp.dataDir, { minFreeBytes: outboxMinFreeBytes });
  const personalValues = new PersonalValues();
  const sessionsDir = path.join(temp.dataDir, 'sessions');
  const services = await createCitizenServices({
    devices: devices.devices,
    hub: devices.hub,
    outbox,
    terminalId: TERMINAL_ID,
    logger,
    sessionsDir,
    personalValues,
    ...options,
  });
  const server = createKioskApiServer({
    logger,
    handlers: {
      'system.getInfo': systemGetInfo({
        product: 'gov-kiosk',
        version: '0.0.0-test',
        terminalId: TERMINAL_ID,
        terminalName: 'test',
        shell: 'browser',
        startedAt: new Date(0).toISOString(),
      }),
      'system.ping': systemPing(),
      'ui.getSettings': uiGetSettings(() => ({
        defaultLocale: 'zh-CN',
        elderModeDefault: false,
        speech: { enabled: false, volume: 0 },
        idle: { warnAfterSeconds: 60, countdownSeconds: 30 },
      })),
      ...services.handlers,
      ...stubMaintenanceHandlers,
      'screen.getLock': () => ({ locked: false }),
    },
  });
  return {
    dataDir: temp.dataDir,
    sessionsDir,
    devices,
    outbox,
    services,
    server,
    personalValues,
    logs,
    async invoke(command, input) {
      const result = await server.invoke(command, input);
      if (!result.ok) throw new Error(`${command}: ${result.error.code}: ${result.error.message}`);
      return kioskCommands[command].output.parse(result.output) as CommandOutput<typeof command>;
    },
    async simulate(deviceId, action, input = {}) {
      const result = await devices.hub.run(deviceId, action, input);
      if (!result.ok) throw new Error(result.reason);
    },
    async close() {
      await services.close();
      await devices.close();
      await outbox.close();
      temp.remove();
    },
  };
}

/** The device ids createDevices gives. */
export const IDCARD = 'idcard-1';
export const SCANNER = 'scanner-1';
