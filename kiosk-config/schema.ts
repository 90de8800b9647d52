// The whole kiosk configuration: one zod schema, environment-neutral.
//
// Every field has a default, so `KioskConfig.parse({})` is the built-in configuration (a demo terminal with every
// device simulated) and a config file only states what differs. Every object is strict: a misspelt key is an error,
// not a silently ignored setting. Nested objects use `.prefault({})` so their own defaults are filled in (zod 4's
// `.default()` would return the default value unparsed).
import { z } from 'zod';
import { UiSettings } from '../contracts/kiosk-api';
import { MaintenanceConfig } from './maintenance-config';
import { UpdatesConfig } from './updates-config';

// ---- terminal ----

export const TerminalConfig = z.strictObject({
  /** Unique in the fleet; part of every transaction's dedup key on the platform, and used in file names. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64, starting with a letter or digit')
    .default('DEMO-0001'),
  /** Shown on screen and on receipts. */
  name: z.string().min(1).max(64).default('演示终端'),
  /** Administrative division the terminal serves (行政区划代码 or name), for statistics on the platform. */
  region: z.string().min(1).max(64).optional(),
  /** Where the terminal stands (bank branch, 政务e站), for staff and ops. */
  site: z.string().min(1).max(128).optional(),
});

// ---- ui: the contract's UiSettings with defaults added ----

const ui = UiSettings.shape;
export const UiConfig = z.strictObject({
  defaultLocale: ui.defaultLocale.default('zh-CN'),
  /** Large print and slower speech from the start, for sites serving mostly elderly citizens. */
  elderModeDefault: ui.elderModeDefault.default(false),
  speech: z
    .strictObject({
      enabled: ui.speech.shape.enabled.default(true),
      volume: ui.speech.shape.volume.default(0.8),
    })
    .prefault({}),
  idle: z
    .strictObject({
      warnAfterSeconds: ui.idle.shape.warnAfterSeconds.default(90),
      countdownSeconds: ui.idle.shape.countdownSeconds.default(30),
    })
    .prefault({}),
});

// The screen receives `config.ui` as UiSettings: fail to compile if the two ever drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _uiMatchesContract: Same<z.output<typeof UiConfig>, UiSettings> = true;

// ---- shell ----

export const ShellConfig = z.strictObject({
  /** Developer tools in the kiosk window; never on in a branch. */
  devTools: z.boolean().default(false),
  /** The watchdog's reload policy when the screen crashes or hangs. */
  recovery: z
    .strictObject({
      /** Reloads allowed within `windowSeconds`; beyond that the kiosk shows the out-of-service page. */
      maxReloads: z.number().int().min(0).max(100).default(3),
      /** Pause before a reload, so a crash loop does not spin the CPU. */
      cooldownSeconds: z.number().min(0).max(600).default(5),
      windowSeconds: z.number().positive().max(86_400).default(600),
    })
    .prefault({}),
});

// ---- browser host ----

export const BrowserHostConfig = z.strictObject({
  /** Loopback only: the bridge carries citizens' data and must not be reachable from the branch network. */
  host: z.literal('127.0.0.1').default('127.0.0.1'),
  /** 0 lets the OS pick a free port. */
  port: z.number().int().min(0).max(65_535).default(0),
  /** Start Chromium pointed at the host; off when a test or the image's own session starts the browser. */
  launchBrowser: z.boolean().default(true),
  /** Chromium's fullscreen `--kiosk` rather than an `--app` window. */
  kioskMode: z.boolean().default(true),
});

// ---- platform ----

export const PlatformConfig = z.discriminatedUnion('mode', [
  /** The reference platform runs inside the kiosk process: demos and tests, no network. */
  z.strictObject({ mode: z.literal('embedded') }),
  /** A central platform reached over the network; http only makes sense on a test bench. */
  z.strictObject({
    mode: z.literal('remote'),
    url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
    /** The terminal's credentials from provisioning (a 0600 JSON file: terminal id and secret). */
    credentialsFile: z.string().min(1),
  }),
]);

// ---- logging ----

export const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
export type LogLevel = z.infer<typeof LogLevel>;

export const LoggingConfig = z.strictObject({
  level: LogLevel.default('info'),
  /** A log file is rotated when it reaches this size. */
  maxFileSizeMb: z.number().positive().max(1024).default(10),
  /** Log files kept, the one being written included; the oldest are deleted. */
  maxFiles: z.number().int().min(2).max(1000).default(14),
});

// ---- outbox: the durable queue of accepted transactions (main/outbox) ----

export const OutboxConfig = z.strictObject({
  /** Days the non-personal metadata of an acknowledged transaction is kept (personal data goes at acknowledgement). */
  retentionDays: z.number().int().min(0).max(3650).default(30),
  /** Accepting stops while less than this is free, so the queue can still drain and purge on a nearly full disk. */
  minFreeMb: z.number().int().min(0).max(1_000_000).default(64),
});

// ---- devices: one entry per device class, each a union on `kind`; every default is the simulator ----

const serialPort = z
  .string()
  .regex(/^(\/dev\/\S+|COM\d+)$/, 'a serial device such as /dev/ttyUSB0 (COM3 on Windows)');
const baudRate = z.number().int().positive().max(4_000_000);
const tcpPort = z.number().int().min(1).max(65_535);
/** USB vendor/product ids: a number, or the hex string lsusb prints ("0c2e", "0x0c2e"). */
const usbId = z.union([
  z.number().int().min(0).max(0xffff),
  z
    .string()
    .regex(/^(0x)?[0-9a-fA-F]{4}$/, 'a 4-digit hex id such as "0c2e"')
    .transform((hex) => Number.parseInt(hex.replace(/^0x/, ''), 16)),
]);
const simulated = z.strictObject({ kind: z.literal('simulated') });

/** ID card reader (GA 467 frames). */
export const IdCardReaderConfig = z.discriminatedUnion('kind', [
  simulated,
  z.strictObject({ kind: z.literal('serial'), port: serialPort, baudRate: baudRate.default(115_200) }),
]);

/** Receipt printer (ESC/POS). */
export const ReceiptPrinterConfig = z.discriminatedUnion('kind', [
  simulated,
  /** 9600 is the factory setting of most ESC/POS printers. */
  z.strictObject({ kind: z.literal('serial'), port: serialPort, baudRate: baudRate.default(9600) }),
  /** The kernel's usblp device node. */
  z.strictObject({ kind: z.literal('usb'), devicePath: z.string().regex(/^\/dev\/\S+$/, 'a device node such as /dev/usb/lp0') }),
  /** Raw printing on a network printer (JetDirect). */
  z.strictObject({ kind: z.literal('tcp'), host: z.string().min(1).max(253), port: tcpPort.default(9100) }),
]);

/** A4 document printer. */
export const DocumentPrinterConfig = z.discriminatedUnion('kind', [
  simulated,
  /** A queue of the local CUPS server, as `lpstat -p` names it. */
  z.strictObject({ kind: z.literal('cups'), queue: z.string().min(1).max(127) }),
]);

/** Document scanner. */
export const ScannerConfig = z.discriminatedUnion('kind', [
  simulated,
  /** A SANE device name as `scanimage -L` prints it, e.g. "fujitsu:fi-7160:123". */
  z.strictObject({ kind: z.literal('sane'), device: z.string().min(1) }),
]);

/** Barcode / QR reader (网证 codes, appointment slips). */
export const BarcodeReaderConfig = z.discriminatedUnion('kind', [
  simulated,
  z.strictObject({ kind: z.literal('serial'), port: serialPort, baudRate: baudRate.default(9600) }),
  /** A HID POS scanner, found by its USB ids. */
  z.strictObject({ kind: z.literal('hid'), vendorId: usbId, productId: usbId }),
]);

/** Camera (captured in the renderer; the Node side tracks status and permission). */
export const CameraConfig = z.discriminatedUnion('kind', [
  simulated,
  /** Without a label the first camera the browser lists is used. */
  z.strictObject({ kind: z.literal('webcam'), deviceLabel: z.string().min(1).optional() }),
]);

const SIMULATED = { kind: 'simulated' } as const;

export const DevicesConfig = z.strictObject({
  idCardReader: IdCardReaderConfig.default(SIMULATED),
  receiptPrinter: ReceiptPrinterConfig.default(SIMULATED),
  documentPrinter: DocumentPrinterConfig.default(SIMULATED),
  scanner: ScannerConfig.default(SIMULATED),
  barcodeReader: BarcodeReaderConfig.default(SIMULATED),
  camera: CameraConfig.default(SIMULATED),
});

// ---- the whole ----

export const KioskConfig = z.strictObject({
  terminal: TerminalConfig.prefault({}),
  /** Database, scanned files, logs. A relative path is resolved against the working directory by the caller. */
  dataDir: z.string().min(1).default('./data'),
  ui: UiConfig.prefault({}),
  shell: ShellConfig.prefault({}),
  browserHost: BrowserHostConfig.prefault({}),
  platform: PlatformConfig.default({ mode: 'embedded' }),
  logging: LoggingConfig.prefault({}),
  outbox: OutboxConfig.prefault({}),
  devices: DevicesConfig.prefault({}),
  /** Branch-staff maintenance mode: entry gesture, staff PINs, lockout, hooks (maintenance-config.ts). */
  maintenance: MaintenanceConfig.prefault({}),
  /** Software updates of the Electron shell: channel, quiet hours (updates-config.ts). */
  updates: UpdatesConfig.prefault({}),
});
export type KioskConfig = z.output<typeof KioskConfig>;
/** What a config file or a central push may contain: every field optional. */
export type KioskConfigInput = z.input<typeof KioskConfig>;

export type DevicesConfig = z.output<typeof DevicesConfig>;
export type DeviceClass = keyof DevicesConfig;
export type PlatformConfig = z.output<typeof PlatformConfig>;
export type LoggingConfig = z.output<typeof LoggingConfig>;
