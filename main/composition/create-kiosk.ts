// The composition root: the one place that builds the kiosk's Node side from configuration.
// Both shells (main/electron, main/browser-host) call createKiosk and then only add their transport.
import type { ShellKind } from '../../contracts/kiosk-api';
import { type KioskApiServer, createKioskApiServer } from '../api/kiosk-api-server';
import { systemGetInfo } from '../api/handlers/system-get-info';
import { systemPing } from '../api/handlers/system-ping';
import { uiGetSettings } from '../api/handlers/ui-get-settings';

export interface Kiosk {
  server: KioskApiServer;
  logger: { info(fields: object, message: string): void; warn(fields: object, message: string): void; error(fields: object, message: string): void };
  devTools: boolean;
  close(): Promise<void>;
}

export async function createKiosk(options: { shell: ShellKind; argv: string[] }): Promise<Kiosk> {
  const logger = { info: () => {}, warn: () => {}, error: () => {} };
  const server = createKioskApiServer({
    logger,
    handlers: {
      'system.getInfo': systemGetInfo({
        product: 'gov-kiosk',
        version: '0.1.0',
        terminalId: 'DEMO-0001',
        terminalName: '演示终端',
        shell: options.shell,
        startedAt: new Date().toISOString(),
      }),
      'system.ping': systemPing(),
      'ui.getSettings': uiGetSettings(() => ({
        defaultLocale: 'zh-CN',
        elderModeDefault: false,
        speech: { enabled: true, volume: 0.8 },
        idle: { warnAfterSeconds: 90, countdownSeconds: 30 },
      })),
    },
  });
  return { server, logger, devTools: false, close: async () => {} };
}
