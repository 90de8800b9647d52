// The Node end of KioskApi over Electron IPC: one invoke channel in, one event channel out.
//
// IPC is reachable from any frame a preload runs in, so every request proves where it comes from first: our window's
// main frame, showing an app:// page. Anything else gets `forbidden` and never reaches a handler.
import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { type InvokeResult, InvokeRequest, ipcChannels } from '../../contracts/kiosk-api';
import type { KioskApiServer } from '../api/kiosk-api-server';
import { describeOrigin, isAppUrl } from './app-origin';
import type { ShellLogger } from './shell-logger';

export interface IpcBridgeOptions {
  server: KioskApiServer;
  /** The kiosk window's web contents: the only sender the bridge answers. */
  contents: WebContents;
  logger: ShellLogger;
}

/** True when the message comes from the main frame of `contents` while it shows an app page. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, contents: WebContents): boolean {
  const frame = event.senderFrame;
  // senderFrame is null when the frame navigated away or was destroyed while the message was in flight.
  if (frame === null || frame.detached) return false;
  return event.sender === contents && frame.parent === null && isAppUrl(frame.url);
}

const forbidden: InvokeResult = { ok: false, error: { code: 'forbidden', message: 'forbidden' } };

/** Registers the handler and starts forwarding events; returns the function that undoes both. */
export function installIpcBridge(options: IpcBridgeOptions): () => void {
  const { server, contents, logger } = options;

  ipcMain.handle(ipcChannels.invoke, async (event, request: unknown): Promise<InvokeResult> => {
    if (!isTrustedSender(event, contents)) {
      logger.warn(
        { origin: describeOrigin(event.senderFrame?.url), subframe: event.senderFrame?.parent != null },
        'KioskApi IPC from an untrusted frame refused',
      );
      return forbidden;
    }
    const parsed = InvokeRequest.safeParse(request);
    if (!parsed.success) return { ok: false, error: { code: 'invalidInput', message: 'malformed request' } };
    try {
      return await server.invoke(parsed.data.command, parsed.data.input);
    } catch (error) {
      // server.invoke never throws by contract; this keeps a bug there from leaking an error text to the page.
      logger.error({ err: error }, 'KioskApi server threw');
      return { ok: false, error: { code: 'internal', message: 'internal error' } };
    }
  });

  const stopForwarding = server.subscribe((name, payload) => {
    // Only an app page gets events: after a failed or foreign load the window may show something else.
    if (contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
    contents.send(ipcChannels.event, { name, payload });
  });

  return () => {
    ipcMain.removeHandler(ipcChannels.invoke);
    stopForwarding();
  };
}
