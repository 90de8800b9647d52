// A handwritten fake of the parts of the `electron` module the shell uses (vitest's unit project aliases `electron`
// here). It models behaviour the shell relies on and that real Electron enforces: scheme registration only before
// ready, one ipcMain handler per channel, structured cloning across IPC, cancellable events, no API rebinding in
// contextBridge. Everything else is left out on purpose, so a call to an unmodelled API fails loudly in tests.
//
// Production code imports `electron` and gets Electron's real types; tests use `fakeElectron` below to drive and
// inspect the fake. `fakeElectron.reset()` between tests.
import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Electron from 'electron';

// ---- Events ----

/** Electron's cancellable event: listeners call preventDefault(); the emitter checks defaultPrevented. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent<T extends object>(fields: T = {} as T): FakeEvent & T {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

// ---- Frames and web contents ----

let nextId = 1;

export class FakeWebFrameMain {
  readonly frameTreeNodeId = nextId++;
  readonly processId = 1;
  readonly routingId = this.frameTreeNodeId;
  url: string;
  readonly parent: FakeWebFrameMain | null;
  detached = false;

  constructor(url: string, parent: FakeWebFrameMain | null) {
    this.url = url;
    this.parent = parent;
  }

  get top(): FakeWebFrameMain {
    return this.parent === null ? this : this.parent.top;
  }
}

type WindowOpenHandler = (details: { url: string; frameName: string }) => Electron.WindowOpenHandlerResponse;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly session = session.defaultSession;
  mainFrame = new FakeWebFrameMain('', null);
  /** Every URL given to loadURL, in order. */
  readonly loads: string[] = [];
  /** Every message sent to the page with send(). */
  readonly sent: { channel: string; args: unknown[] }[] = [];
  crashCount = 0;
  zoomLevel = 0;
  #destroyed = false;
  #windowOpenHandler: WindowOpenHandler | null = null;

  loadURL(url: string): Promise<void> {
    this.#assertAlive();
    this.loads.push(url);
    // A new document means a new main frame; the old frame object goes stale, like a replaced RenderFrameHost.
    this.mainFrame.detached = true;
    this.mainFrame = new FakeWebFrameMain(url, null);
    return Promise.resolve();
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  send(channel: string, ...args: unknown[]): void {
    this.#assertAlive();
    const cloned = structuredClone(args);
    this.sent.push({ channel, args: cloned });
    if (rendererFrame !== null && rendererContents === this) {
      // Delivery is asynchronous in Electron; a microtask keeps that without needing timers.
      queueMicrotask(() => ipcRenderer.deliver(channel, cloned));
    }
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.#windowOpenHandler = handler;
  }

  /** What the page's window.open would get: Electron allows it when no handler is set. */
  simulateWindowOpen(url: string): Electron.WindowOpenHandlerResponse {
    return this.#windowOpenHandler?.({ url, frameName: '' }) ?? { action: 'allow' };
  }

  /** Adds a child frame to the current document, e.g. an iframe. */
  addSubframe(url: string): FakeWebFrameMain {
    return new FakeWebFrameMain(url, this.mainFrame);
  }

  forcefullyCrashRenderer(): void {
    this.crashCount += 1;
    queueMicrotask(() => this.emit('render-process-gone', fakeEvent(), { reason: 'killed', exitCode: 9 }));
  }

  setZoomLevel(level: number): void {
    this.zoomLevel = level;
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  destroy(): void {
    this.#destroyed = true;
    this.emit('destroyed');
  }

  #assertAlive(): void {
    if (this.#destroyed) throw new Error('Object has been destroyed');
  }
}

// ---- Windows ----

export class FakeBrowserWindow extends EventEmitter {
  static #all: FakeBrowserWindow[] = [];
  readonly id = nextId++;
  readonly options: Electron.BrowserWindowConstructorOptions;
  readonly webContents = new FakeWebContents();
  menuRemoved = false;
  focusCount = 0;
  #destroyed = false;
  #minimized = false;
  #visible: boolean;
  #kiosk: boolean;
  #fullScreen: boolean;

  constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
    super();
    this.options = options;
    this.#visible = options.show ?? true;
    this.#kiosk = options.kiosk === true;
    this.#fullScreen = options.fullscreen === true;
    FakeBrowserWindow.#all.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }

  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.#all.filter((w) => !w.#destroyed);
  }

  static reset(): void {
    FakeBrowserWindow.#all = [];
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }

  removeMenu(): void {
    this.menuRemoved = true;
  }

  isKiosk(): boolean {
    return this.#kiosk;
  }

  setKiosk(on: boolean): void {
    this.#kiosk = on;
  }

  isFullScreen(): boolean {
    return this.#fullScreen;
  }

  setFullScreen(on: boolean): void {
    this.#fullScreen = on;
  }

  show(): void {
    this.#visible = true;
    this.#minimized = false;
  }

  isVisible(): boolean {
    return this.#visible;
  }

  minimize(): void {
    this.#minimized = true;
  }

  isMinimized(): boolean {
    return this.#minimized;
  }

  restore(): void {
    this.#minimized = false;
  }

  focus(): void {
    this.focusCount += 1;
  }

  /** Like a user or the OS closing the window: 'close' may be cancelled, otherwise the window is destroyed. */
  close(): void {
    if (this.#destroyed) return;
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }
}

// ---- app ----

class FakeApp extends EventEmitter {
  isPackaged = false;
  /** What getVersion() answers (package.json's version in a real app). */
  version = '0.0.0-fake';
  /** app.getPath(name): a test sets the folders it needs; anything else is an error, as for an unknown name. */
  readonly paths = new Map<string, string>();
  /** What requestSingleInstanceLock() answers; a test sets false to play the second instance. */
  singleInstanceLockAvailable = true;
  sandboxEnabled = false;
  quitCalls = 0;
  exitCode: number | null = null;
  #ready = false;
  #readyWaiters: (() => void)[] = [];

  whenReady(): Promise<void> {
    if (this.#ready) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  isReady(): boolean {
    return this.#ready;
  }

  /** Test control: fire 'ready' and resolve whenReady(). */
  markReady(): void {
    if (this.#ready) return;
    this.#ready = true;
    this.emit('ready', fakeEvent(), {});
    for (const resolve of this.#readyWaiters.splice(0)) resolve();
  }

  enableSandbox(): void {
    if (this.#ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
  }

  getVersion(): string {
    return this.version;
  }

  getName(): string {
    return 'gov-kiosk';
  }

  getPath(name: string): string {
    const found = this.paths.get(name) ?? (name === 'userData' ? path.join(tmpdir(), 'fake-electron-userData') : undefined);
    if (found === undefined) throw new Error(`Failed to get '${name}' path`);
    return found;
  }

  getAppPath(): string {
    return process.cwd();
  }

  relaunchCalls = 0;

  relaunch(): void {
    this.relaunchCalls += 1;
  }

  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLockAvailable;
  }

  /** Test control: what the first instance sees when someone starts a second one. */
  simulateSecondInstance(argv: string[] = []): void {
    this.emit('second-instance', fakeEvent(), argv, '/', {});
  }

  /** Electron's order: before-quit, close every window, will-quit, quit. A cancelled event or close stops the quit. */
  quit(): void {
    this.quitCalls += 1;
    const beforeQuit = fakeEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    for (const window of FakeBrowserWindow.getAllWindows()) window.close();
    if (FakeBrowserWindow.getAllWindows().length > 0) return;
    const willQuit = fakeEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.exitCode ??= 0;
    this.emit('quit', fakeEvent(), 0);
  }

  /** Exits at once, without quit events, like Electron. */
  exit(code = 0): void {
    this.exitCode = code;
  }

  reset(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.version = '0.0.0-fake';
    this.paths.clear();
    this.relaunchCalls = 0;
    this.singleInstanceLockAvailable = true;
    this.sandboxEnabled = false;
    this.quitCalls = 0;
    this.exitCode = null;
    this.#ready = false;
    this.#readyWaiters = [];
  }
}

export const app = new FakeApp();

// ---- protocol ----

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

class FakeProtocol {
  privilegedSchemes: Electron.CustomScheme[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();

  registerSchemesAsPrivileged(schemes: Electron.CustomScheme[]): void {
    if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privilegedSchemes = schemes;
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    if (!app.isReady()) throw new Error('protocol.handle must be called after app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }

  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }

  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }

  /** Test control: what the page would get when it fetches `url`. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const handler = this.handlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME ${url}`);
    return handler(new Request(url, init));
  }

  reset(): void {
    this.privilegedSchemes = [];
    this.handlers.clear();
  }
}

export const protocol = new FakeProtocol();

// ---- session ----

type PermissionRequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];

class FakeSession {
  permissionRequestHandler: PermissionRequestHandler = null;
  permissionCheckHandler: PermissionCheckHandler = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }

  /** Test control: runs a permission request as Chromium would; Electron grants when no handler is set. */
  requestPermission(
    contents: FakeWebContents,
    permission: string,
    details: Partial<Electron.MediaAccessPermissionRequest> = {},
  ): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => {
      handler(
        contents as unknown as Electron.WebContents, // the fake stands in for the real class here
        permission as Parameters<NonNullable<PermissionRequestHandler>>[1],
        resolve,
        { isMainFrame: true, requestingUrl: contents.getURL(), ...details },
      );
    });
  }

  /** Test control: runs a permission check as Chromium would; Electron grants when no handler is set. */
  checkPermission(
    contents: FakeWebContents | null,
    permission: string,
    requestingOrigin: string,
    details: Partial<Electron.PermissionCheckHandlerHandlerDetails> = {},
  ): boolean {
    const handler = this.permissionCheckHandler;
    if (!handler) return true;
    return handler(
      contents as unknown as Electron.WebContents | null, // the fake stands in for the real class here
      permission as Parameters<NonNullable<PermissionCheckHandler>>[1],
      requestingOrigin,
      { isMainFrame: true, ...details },
    );
  }

  reset(): void {
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
  }
}

export const session = {
  defaultSession: new FakeSession(),
  /** A separate session per partition name (electron-updater downloads through its own). */
  fromPartition(partition: string): FakeSession {
    let found = partitions.get(partition);
    if (!found) partitions.set(partition, (found = new FakeSession()));
    return found;
  },
};
const partitions = new Map<string, FakeSession>();

// ---- net: Electron's ClientRequest over Node's http(s), for code that fetches through Electron (electron-updater) ----

/**
 * `net.request(options)`: Node's ClientRequest has the same shape (`response`, `error`, `socket` events, `end`,
 * `abort`, `setHeader`); Node follows no redirect, which is what Electron does with `redirect: 'manual'` — the 3xx
 * response reaches the caller (Electron would emit `redirect` instead; electron-updater handles both).
 */
export const net = {
  requests: [] as { method: string; url: string; session: unknown }[],
  request(options: Electron.ClientRequestConstructorOptions & { protocol?: string; hostname?: string; port?: number | string; path?: string }): http.ClientRequest {
    const { session: requestSession, redirect: _redirect, ...rest } = options as typeof options & { session?: unknown };
    const protocol = rest.protocol ?? 'http:';
    net.requests.push({ method: rest.method ?? 'GET', url: `${protocol}//${rest.hostname}${rest.port ? `:${rest.port}` : ''}${rest.path ?? '/'}`, session: requestSession });
    const client = protocol === 'https:' ? https : http;
    // A fresh connection per request: electron-updater listens to each request's socket, which pooled sockets would pile up.
    return client.request({ protocol, hostname: rest.hostname, port: rest.port, path: rest.path, method: rest.method ?? 'GET', headers: rest.headers as http.OutgoingHttpHeaders | undefined, agent: false });
  },
};

/** Electron's built-in autoUpdater: electron-updater emits `before-quit-for-update` on it while installing. */
export const autoUpdater = new EventEmitter();

// ---- IPC: an in-memory pair between ipcMain and one renderer frame ----

let rendererContents: FakeWebContents | null = null;
let rendererFrame: FakeWebFrameMain | null = null;

type InvokeHandler = (event: FakeIpcMainInvokeEvent, ...args: unknown[]) => unknown;

export interface FakeIpcMainInvokeEvent {
  sender: FakeWebContents;
  senderFrame: FakeWebFrameMain | null;
  processId: number;
  frameId: number;
  type: 'frame';
}

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  reset(): void {
    this.handlers.clear();
    this.removeAllListeners();
  }
}

export const ipcMain = new FakeIpcMain();

type RendererListener = (event: { sender: FakeIpcRenderer }, ...args: unknown[]) => void;

class FakeIpcRenderer {
  readonly #listeners = new Map<string, Set<RendererListener>>();
  /** Every channel the page side used, for allowlist tests. */
  readonly invokedChannels: string[] = [];

  /** Like Electron: arguments and result are structured-cloned; a missing handler or a throw rejects. */
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invokedChannels.push(channel);
    const cloned = structuredClone(args);
    if (rendererContents === null) throw new Error('fake electron: no renderer frame attached (fakeElectron.attachRenderer)');
    const event: FakeIpcMainInvokeEvent = {
      sender: rendererContents,
      // A frame that navigated away or was removed is reported as null by Electron.
      senderFrame: rendererFrame !== null && !rendererFrame.detached ? rendererFrame : null,
      processId: rendererFrame?.processId ?? 0,
      frameId: rendererFrame?.routingId ?? 0,
      type: 'frame',
    };
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    try {
      return structuredClone(await handler(event, ...cloned));
    } catch (error) {
      // Electron sends only the message across; the cause is kept here for test diagnostics.
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
    }
  }

  on(channel: string, listener: RendererListener): this {
    let set = this.#listeners.get(channel);
    if (!set) this.#listeners.set(channel, (set = new Set()));
    set.add(listener);
    return this;
  }

  removeListener(channel: string, listener: RendererListener): this {
    this.#listeners.get(channel)?.delete(listener);
    return this;
  }

  off(channel: string, listener: RendererListener): this {
    return this.removeListener(channel, listener);
  }

  listenerCount(channel: string): number {
    return this.#listeners.get(channel)?.size ?? 0;
  }

  /** Called by FakeWebContents.send. */
  deliver(channel: string, args: unknown[]): void {
    for (const listener of [...(this.#listeners.get(channel) ?? [])]) listener({ sender: this }, ...args);
  }

  reset(): void {
    this.#listeners.clear();
    this.invokedChannels.length = 0;
  }
}

export const ipcRenderer = new FakeIpcRenderer();

// ---- contextBridge ----

/** The page's main world: what exposeInMainWorld put there. */
const mainWorld: Record<string, unknown> = {};

/**
 * Copies a value the way contextBridge does, in spirit: plain data is copied, functions become proxies that call
 * the original without its `this`, so code that relies on prototype or `this` tricks fails here as it would there.
 */
function bridgeCopy(value: unknown): unknown {
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    return (...args: unknown[]) => bridgeCopy(fn(...args.map(bridgeCopy)));
  }
  if (value instanceof Promise) return value.then(bridgeCopy);
  if (Array.isArray(value)) return value.map(bridgeCopy);
  if (value !== null && typeof value === 'object') {
    return Object.freeze(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bridgeCopy(v)])));
  }
  return value;
}

export const contextBridge = {
  exposeInMainWorld(apiKey: string, api: unknown): void {
    if (Object.hasOwn(mainWorld, apiKey)) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    mainWorld[apiKey] = bridgeCopy(api);
  },
};

// ---- powerSaveBlocker, Menu ----

class FakePowerSaveBlocker {
  readonly active = new Map<number, string>();
  #nextBlockerId = 1;

  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number {
    const id = this.#nextBlockerId++;
    this.active.set(id, type);
    return id;
  }

  stop(id: number): boolean {
    return this.active.delete(id);
  }

  isStarted(id: number): boolean {
    return this.active.has(id);
  }

  reset(): void {
    this.active.clear();
  }
}

export const powerSaveBlocker = new FakePowerSaveBlocker();

/** `undefined` until the code under test sets a menu; `null` means "no menu". */
let applicationMenu: unknown = undefined;

export const Menu = {
  setApplicationMenu(menu: unknown): void {
    applicationMenu = menu;
  },
  getApplicationMenu(): unknown {
    return applicationMenu ?? null;
  },
};

export const BrowserWindow = FakeBrowserWindow;

/** safeStorage as on a Linux desktop without a keyring: it works, but only as obfuscation ('basic_text'). */
export const safeStorage = {
  isEncryptionAvailable: (): boolean => true,
  getSelectedStorageBackend: (): string => 'basic_text',
  encryptString: (text: string): Buffer => Buffer.from(text, 'utf8').reverse(),
  decryptString: (data: Buffer): string => Buffer.from(data).reverse().toString('utf8'),
};

// ---- Test controls ----

export const fakeElectron = {
  app,
  protocol,
  session: session.defaultSession,
  ipcMain,
  ipcRenderer,
  powerSaveBlocker,
  mainWorld: mainWorld as Readonly<Record<string, unknown>>,

  /** Puts everything back as a fresh process would have it. */
  reset(): void {
    app.reset();
    protocol.reset();
    partitions.clear();
    net.requests.length = 0;
    autoUpdater.removeAllListeners();
    session.defaultSession.reset();
    ipcMain.reset();
    ipcRenderer.reset();
    powerSaveBlocker.reset();
    FakeBrowserWindow.reset();
    for (const key of Object.keys(mainWorld)) delete mainWorld[key];
    applicationMenu = undefined;
    rendererContents = null;
    rendererFrame = null;
  },

  /** Makes ipcRenderer speak as `frame` of `contents` (the main frame unless given). */
  attachRenderer(contents: FakeWebContents, frame: FakeWebFrameMain = contents.mainFrame): void {
    rendererContents = contents;
    rendererFrame = frame;
  },

  /** Whether Menu.setApplicationMenu was called, and with what. */
  get applicationMenu(): unknown {
    return applicationMenu;
  },

  windows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.getAllWindows();
  },

  /** The fake behind a window that production code created through the real-typed `electron` import. */
  windowOf(window: Electron.BrowserWindow | FakeBrowserWindow): FakeBrowserWindow {
    if (!(window instanceof FakeBrowserWindow)) throw new Error('not a fake window');
    return window;
  },

  contentsOf(contents: Electron.WebContents | FakeWebContents): FakeWebContents {
    if (!(contents instanceof FakeWebContents)) throw new Error('not fake web contents');
    return contents;
  },

  /** The fake as the real type, for handing a fake to production code (the fake models only what the shell uses). */
  asReal<T>(fake: FakeWebContents | FakeBrowserWindow): T {
    return fake as unknown as T;
  },
};

export default { app, BrowserWindow, protocol, session, ipcMain, ipcRenderer, contextBridge, powerSaveBlocker, Menu, net, autoUpdater };
