// The composition root: the one place that builds the kiosk's Node side from configuration.
// Both shells (main/electron/electron-main.ts, main/start.ts for the browser host) call createKiosk and then add only
// their transport. Each later part (drivers, outbox, sync agent, embedded platform) is added here, from `config`.
import path from 'node:path';
import type { Logger } from 'pino';
import type { ShellKind } from '../../contracts/kiosk-api';
import { resolveConfigArgument } from '../../kiosk-config/config-argument';
import { ConfigStore } from '../../kiosk-config/config-store';
import { ConfigError, formatConfigError, loadKioskConfig } from '../../kiosk-config/load-config';
import type { KioskConfig } from '../../kiosk-config/schema';
import { type KioskApiServer, createKioskApiServer } from '../api/kiosk-api-server';
import { systemGetInfo } from '../api/handlers/system-get-info';
import { systemPing } from '../api/handlers/system-ping';
import { uiGetSettings } from '../api/handlers/ui-get-settings';
import type { KioskArgs } from '../kiosk-args';
import { type KioskLogger, createLogger } from '../logging/logger';
import { openOutbox } from '../outbox/open-outbox';
import type { DeviceClass } from '../../contracts/device-model';
import type { Device } from '../../drivers/common/device';
import { type PlatformConnection, connectPlatform } from './connect-platform';
import { type RunningDevices, createDevices } from './create-devices';
import type { Outbox } from '../outbox/outbox';
import type { SafeStorageLike } from '../outbox/safe-storage-key-protector';
import { selectKeyProtector } from '../outbox/select-key-protector';
import { type CitizenServices, createCitizenServices } from '../services/citizen-services';
import { trackReachability } from '../sync/platform-reachability';
import { countPrints } from '../maintenance/consumables';
import { maintenanceHandlers } from '../maintenance/maintenance-handlers';
import { MaintenanceService } from '../maintenance/maintenance-service';
import { StaffAuditLog } from '../maintenance/staff-audit-log';
import { SearchCountLog } from '../search-stats/search-count-log';
import type { SystemHooks } from '../commands/command-handlers';
import type { WindowModeHook } from '../maintenance/window-mode';
import { type RemoteOperations, commandHook, startRemoteOperations } from './remote-operations';

export interface Kiosk {
  server: KioskApiServer;
  logger: Logger;
  /** Holds the configuration in force; central pushes go through `configStore.applyOverrides`. */
  configStore: ConfigStore;
  /** The configuration at start-up (what the shell is built from). */
  config: KioskConfig;
  /** Absolute: where logs and data go. */
  dataDir: string;
  /** Accepted transactions, durable before anyone is told "submitted". */
  outbox: Outbox;
  /** Every device, real or simulated, and the hub that scripts the simulated ones. */
  devices: RunningDevices;
  /** The sync agent and, in embedded mode, the platform it talks to. */
  platform: PlatformConnection;
  /** Open citizen sessions: the shell's updater installs only when none is. */
  sessions: CitizenServices['sessions'];
  close(): Promise<void>;
}

export type CreateKioskResult = { ok: true; kiosk: Kiosk } | { ok: false; error: string };

export async function createKiosk(options: {
  shell: ShellKind;
  args: KioskArgs;
  /** Where package.json is; named example configurations live under it. */
  projectRoot: string;
  /** Relative paths on the command line and in `dataDir` are taken from here. */
  cwd: string;
  version: string;
  /** Electron's safeStorage (after `ready`) to seal the outbox's device key; absent under the browser host. */
  safeStorage?: SafeStorageLike;
  /**
   * What remote `restartApp` and `reboot` commands do. By default the process ends itself (SIGTERM: the shell closes
   * the kiosk cleanly and its supervisor, systemd `Restart=always`, starts it again) and reboot runs the
   * configuration's `maintenance.rebootCommand` (absent: unsupported).
   */
  systemHooks?: SystemHooks;
  /** The Electron shell's window, which staff may take out of kiosk mode; absent under the browser host. */
  windowMode?: WindowModeHook;
}): Promise<CreateKioskResult> {
  const { args, projectRoot, cwd } = options;
  let configStore: ConfigStore;
  try {
    const files = [resolveConfigArgument(args.config, { projectRoot, cwd })];
    if (args.terminal) files.push(path.resolve(cwd, args.terminal));
    const { layers } = await loadKioskConfig(files);
    configStore = new ConfigStore(layers);
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, error: formatConfigError(error) };
    throw error;
  }
  const config = configStore.current;
  const dataDir = path.resolve(cwd, config.dataDir);

  const log: KioskLogger = await createLogger({
    dir: path.join(dataDir, 'logs'),
    level: config.logging.level,
    maxFileSizeMb: config.logging.maxFileSizeMb,
    maxFiles: config.logging.maxFiles,
    // The log itself is unwritable (disk full, permissions): say so where an operator or the journal will see it.
    onError: (error) => console.error(`kiosk log: ${error.message}`),
  });
  const logger = log.logger;

  const { protector, why } = await selectKeyProtector({ dataDir, safeStorage: options.safeStorage });
  const opened = await openOutbox({
    dataDir,
    keyProtector: protector,
    retentionDays: config.outbox.retentionDays,
    minFreeBytes: config.outbox.minFreeMb * 1024 * 1024,
  });
  if (!opened.ok) {
    logger.fatal({ code: opened.error.code }, 'outbox cannot be opened');
    await log.close();
    return { ok: false, error: `outbox in ${dataDir}: ${opened.error.message}` };
  }
  const { outbox } = opened;
  const { flagged, ...recovered } = outbox.recovery;
  logger.info({ keyHolder: outbox.keyDescription, why, ...recovered, flagged: flagged.length }, 'outbox opened');
  for (const row of flagged) logger.warn({ id: row.id, cause: row.cause, reason: row.reason }, 'outbox row needs attention');
  // Purges past retention and finishes interrupted purges; hourly is plenty for a retention counted in days.
  const sweeper = setInterval(() => {
    outbox.sweep().catch((error: unknown) => logger.error({ err: error }, 'outbox sweep failed'));
  }, 60 * 60 * 1000);
  sweeper.unref();

  let devices: RunningDevices;
  try {
    devices = await createDevices({
      config: config.devices,
      dataDir,
      projectRoot,
      onNotice: (message) => logger.warn({ notice: message }, 'device notice'),
    });
  } catch (error) {
    logger.fatal({ err: error }, 'devices could not be set up');
    await outbox.close();
    await log.close();
    return { ok: false, error: `devices: ${error instanceof Error ? error.message : String(error)}` };
  }
  // Device events carry states and conditions only, never card contents: safe to log as they are.
  const stopDeviceLogs = Object.values(devices.devices).map((device: Pick<Device<DeviceClass>, 'onEvent'>) =>
    device.onEvent((event) => logger.info({ event }, 'device event')),
  );

  // What remote commands and staff's buttons restart and reboot with.
  const systemHooks: SystemHooks = options.systemHooks ?? {
    restartApp: () => void process.kill(process.pid, 'SIGTERM'),
    ...(config.maintenance.rebootCommand ? { reboot: commandHook(config.maintenance.rebootCommand) } : {}),
  };
  let platform: PlatformConnection;
  let remote: RemoteOperations;
  let remoteStarted = false;
  // Staff mode opens before the platform: the heartbeats report its audit log. It reaches the agent and the pushed
  // settings only when called.
  let maintenance: MaintenanceService;
  const receiptPrinter = countPrints(devices.devices.receiptPrinter, () => maintenance.receiptPrinted());
  try {
    const maintenanceDir = path.join(dataDir, 'maintenance');
    maintenance = await MaintenanceService.open({
      config: config.maintenance,
      dir: maintenanceDir,
      audit: await StaffAuditLog.open(maintenanceDir, (error) => logger.error({ err: error }, 'staff audit cursor not stored; entries will be reported again')),
      deviceSummaries: () => devices.summaries(),
      devices: { ...devices.devices, receiptPrinter },
      terminal: { id: config.terminal.id, name: config.terminal.name },
      font: { path: path.join(projectRoot, 'drivers', 'receipt-printer', 'fonts', 'NotoSansCJKsc-Regular.otf') },
      outbox,
      sync: { status: () => platform.agent.status(), syncNow: () => platform.agent.syncNow(), heartbeatNow: () => platform.agent.heartbeatNow() },
      pushedSettings: () => remote.settings.status(),
      app: { version: options.version, startedAt: new Date().toISOString() },
      hooks: systemHooks,
      logDir: path.join(dataDir, 'logs'),
      ...(options.windowMode ? { windowMode: options.windowMode } : {}),
      logger,
    });
  } catch (error) {
    logger.fatal({ err: error }, 'maintenance mode could not be set up');
    for (const stop of stopDeviceLogs) stop();
    await devices.close();
    await outbox.close();
    await log.close();
    return { ok: false, error: `maintenance mode in ${dataDir}: ${error instanceof Error ? error.message : String(error)}` };
  }
  let searchCounts: SearchCountLog;
  try {
    searchCounts = await SearchCountLog.open(path.join(dataDir, 'search-stats'), Date.now, (error) => logger.error({ err: error }, 'search counts not stored'));
    platform = await connectPlatform({
      config: config.platform,
      terminal: config.terminal,
      dataDir,
      outbox,
      deviceSummary: () => devices.summaries(),
      staffActions: maintenance.audit,
      searchCounts,
      // The pushed settings start after the agent (they follow its heartbeat answers): none refused until then.
      settingsRefusal: () => (remoteStarted ? remote.settings.refusal() : null),
      versions: { app: options.version, shell: options.shell },
      logger,
    });
  } catch (error) {
    logger.fatal({ err: error }, 'platform connection could not be set up');
    for (const stop of stopDeviceLogs) stop();
    await devices.close();
    await outbox.close();
    await log.close();
    return { ok: false, error: `platform: ${error instanceof Error ? error.message : String(error)}` };
  }
  logger.info({ platform: platform.description }, 'sync agent started');

  const reachability = trackReachability(platform.agent);
  let citizen: CitizenServices;
  try {
    citizen = await createCitizenServices({
      // Receipts counted for the paper counter on the staff screen.
      devices: { ...devices.devices, receiptPrinter },
      hub: devices.hub,
      // A new transaction is sent at once instead of at the agent's next poll.
      outbox: {
        accept: async (transaction) => {
          const accepted = await outbox.accept(transaction);
          if (accepted.ok) platform.agent.syncNow();
          return accepted;
        },
        get: (id) => outbox.get(id),
      },
      terminalId: config.terminal.id,
      terminalName: config.terminal.name,
      // The sync API's address is the public one too; a deployment whose public site differs needs a config field for it.
      publicBaseUrl: platform.platformUrl,
      certificateFont: { path: path.join(projectRoot, 'drivers', 'receipt-printer', 'fonts', 'NotoSansCJKsc-Regular.otf') },
      logger,
      sessionsDir: path.join(dataDir, 'sessions'),
      personalValues: log.personalValues,
      catalog: platform.agent,
      platform: platform.online,
      reachability,
      searchCounts,
    });
  } catch (error) {
    logger.fatal({ err: error }, 'citizen services could not be set up');
    await platform.close();
    for (const stop of stopDeviceLogs) stop();
    await devices.close();
    await outbox.close();
    await log.close();
    return { ok: false, error: `sessions folder in ${dataDir}: ${error instanceof Error ? error.message : String(error)}` };
  }

  // Assigned right below: the screen reload needs the server, the server's handlers need the lock.
  let publishReload = (): void => {};
  try {
    remote = await startRemoteOperations({
      dataDir,
      terminalId: config.terminal.id,
      platform,
      configStore,
      sessions: citizen.sessions,
      devices: () => devices.summaries(),
      reloadScreen: () => publishReload(),
      hooks: systemHooks,
      logger,
    });
  } catch (error) {
    logger.fatal({ err: error }, 'remote operations could not be set up');
    await citizen.close();
    await platform.close();
    for (const stop of stopDeviceLogs) stop();
    await devices.close();
    await outbox.close();
    await log.close();
    return { ok: false, error: `remote operations in ${dataDir}: ${error instanceof Error ? error.message : String(error)}` };
  }
  remoteStarted = true;

  const server = createKioskApiServer({
    logger,
    handlers: {
      'system.getInfo': systemGetInfo({
        product: 'gov-kiosk',
        version: options.version,
        terminalId: config.terminal.id,
        terminalName: config.terminal.name,
        shell: options.shell,
        startedAt: new Date().toISOString(),
      }),
      'system.ping': systemPing(),
      'ui.getSettings': uiGetSettings(() => configStore.current.ui),
      ...citizen.handlers,
      ...maintenanceHandlers(maintenance),
      'screen.getLock': () => remote.lock.current,
    },
  });
  publishReload = () => server.publish('screen.reload', {});
  const stopLockEvents = remote.lock.onChange((lock) => server.publish('screen.lockChanged', lock));

  const stopSettingsEvents = configStore.onChange((next, previous) => {
    if (JSON.stringify(next.ui) !== JSON.stringify(previous.ui)) server.publish('ui.settingsChanged', next.ui);
  });
  const stopCatalogEvents = citizen.catalog.onChange((version) => server.publish('catalog.changed', { version }));
  const stopReachabilityEvents = reachability.onChange((status) => server.publish('platform.statusChanged', status));

  logger.info({ shell: options.shell, terminal: config.terminal.id, version: options.version }, 'kiosk started');
  return {
    ok: true,
    kiosk: {
      server,
      logger,
      configStore,
      config,
      dataDir,
      outbox,
      devices,
      platform,
      sessions: citizen.sessions,
      async close() {
        stopSettingsEvents();
        stopCatalogEvents();
        stopReachabilityEvents();
        reachability.stop();
        stopLockEvents();
        await remote.close();
        for (const stop of stopDeviceLogs) stop();
        clearInterval(sweeper);
        // Sessions first: their wipe waits for a submit being stored, which the outbox must still be open for.
        await citizen.close();
        await platform.close();
        await maintenance.close();
        await devices.close();
        await outbox.close();
        logger.info({}, 'kiosk stopped');
        await log.close();
      },
    },
  };
}
