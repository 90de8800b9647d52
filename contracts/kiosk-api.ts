// KioskApi: the one contract between the kiosk screen (renderer/) and the kiosk's Node side (main/).
//
// Commands take an input and give an output, both zod schemas; events are pushed from the Node side. Both ends
// validate what they receive (contracts/kiosk-api-client.ts on the screen, main/api/kiosk-api-server.ts on Node), so a
// compromised or buggy page cannot feed the Node side malformed data and a buggy service cannot confuse the page.
// Transports (Electron IPC, WebSocket) only move the envelopes defined at the bottom of this file.
import { z } from 'zod';

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

export const ShellKind = z.enum(['electron', 'browser']);
export type ShellKind = z.infer<typeof ShellKind>;

/** What the screen needs of the configuration; the rest of the configuration never leaves the Node side. */
export const UiSettings = z.object({
  defaultLocale: Locale,
  elderModeDefault: z.boolean(),
  speech: z.object({ enabled: z.boolean(), volume: z.number().min(0).max(1) }),
  idle: z.object({
    /** Seconds without a touch before the warning shows. */
    warnAfterSeconds: z.number().int().positive(),
    /** Seconds the warning counts down before the session ends; WCAG 2.2.1 wants at least 20. */
    countdownSeconds: z.number().int().min(20),
  }),
});
export type UiSettings = z.infer<typeof UiSettings>;

export const SystemInfo = z.object({
  product: z.string(),
  version: z.string(),
  terminalId: z.string(),
  terminalName: z.string(),
  shell: ShellKind,
  startedAt: z.iso.datetime(),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

const Empty = z.strictObject({});

function command<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const kioskCommands = {
  /** Who and what this kiosk is; the screen shows the terminal name and uses the shell kind for small differences. */
  'system.getInfo': command(Empty, SystemInfo),
  /** A round trip with no side effect: the screen's and the tests' proof that the bridge is alive. */
  'system.ping': command(
    z.strictObject({ nonce: z.string().min(1).max(64) }),
    z.object({ nonce: z.string(), receivedAt: z.iso.datetime() }),
  ),
  'ui.getSettings': command(Empty, UiSettings),
} as const;

export const kioskEvents = {
  /** Sent when a central push or a staff action changes what the screen must honour. */
  'ui.settingsChanged': UiSettings,
} as const;

export type CommandName = keyof typeof kioskCommands;
export type EventName = keyof typeof kioskEvents;
/** What a caller passes (before defaults are applied). */
export type CommandInput<N extends CommandName> = z.input<(typeof kioskCommands)[N]['input']>;
/** What a handler receives (after parsing). */
export type ParsedCommandInput<N extends CommandName> = z.output<(typeof kioskCommands)[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<(typeof kioskCommands)[N]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof kioskEvents)[E]>;

export const commandNames = Object.keys(kioskCommands) as CommandName[];
export const eventNames = Object.keys(kioskEvents) as EventName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(kioskCommands, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(kioskEvents, name);
}

// ---- Envelopes: what the transports carry ----

export const ApiErrorCode = z.enum([
  /** The input failed the command's schema. */
  'invalidInput',
  /** The Node side produced an output that failed the schema: a bug on the Node side, never shown raw. */
  'invalidOutput',
  'unknownCommand',
  /** The caller is not allowed to use the bridge (wrong frame, wrong token). */
  'forbidden',
  /** The handler failed; the message is safe to show, details are in the Node side's log. */
  'internal',
  /** The bridge is not connected. */
  'unavailable',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

export const ApiError = z.object({ code: ApiErrorCode, message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

export const InvokeResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), output: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiError }),
]);
export type InvokeResult = z.infer<typeof InvokeResult>;

export const InvokeRequest = z.object({ command: z.string().max(100), input: z.unknown() });
export type InvokeRequest = z.infer<typeof InvokeRequest>;

export const EventMessage = z.object({ name: z.string().max(100), payload: z.unknown() });
export type EventMessage = z.infer<typeof EventMessage>;

/** The Electron IPC channels; the preload refuses every other channel. */
export const ipcChannels = { invoke: 'kiosk-api:invoke', event: 'kiosk-api:event' } as const;

/** Where the browser host accepts the KioskApi WebSocket (with `?token=`). */
export const wsBridgePath = '/kiosk-api';

/** WebSocket frames of the browser host. `id` pairs a result with its request. */
export const WsClientFrame = z.object({ type: z.literal('invoke'), id: z.number().int().nonnegative() }).extend(
  InvokeRequest.shape,
);
export type WsClientFrame = z.infer<typeof WsClientFrame>;

export const WsServerFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number().int().nonnegative(), result: InvokeResult }),
  z.object({ type: z.literal('event') }).extend(EventMessage.shape),
]);
export type WsServerFrame = z.infer<typeof WsServerFrame>;
