// Remote operations between the central platform and a kiosk (issue 6, points 5 and 6): commands ops queue for a
// terminal, the settings the platform pushes to it (signed like catalogs), and the update channels' rollout. The
// endpoints are declared in contracts/sync-api.ts (`syncApi`); this module holds their schemas.
//
// Commands are pulled: a heartbeat answer lists the ids of a terminal's pending commands, the kiosk fetches them, runs
// each at a safe moment (never while a citizen's session is open) and posts its result. Results are idempotent by
// command id: a repeat is answered with what was recorded first.
//
// Settings are one document per terminal: the platform merges the override layers fleet → region → terminal into a
// kiosk-config override document, numbers it, and signs its exact text with its Ed25519 key (the catalog key,
// `TerminalCredentials.catalogPublicKey`) over `settingsSigningInput(text)`, so a signed catalog can never pass as
// settings. A kiosk refuses a document whose signature, schema, terminal or version fails and keeps its last good one.
import { z } from 'zod';

const DateTime = z.iso.datetime({ offset: true });

// ---- Commands ----

export const RemoteCommandKind = z.enum([
  /** The screen reloads (a fresh renderer; sessions are closed anyway when it runs). */
  'reloadUi',
  /** The kiosk process exits; its supervisor (systemd `Restart=always`, Shell Launcher) starts it again. */
  'restartApp',
  /** The terminal reboots through the narrow privileged hook the image provides. */
  'reboot',
  /** The screen shows a lock page with `message` until `unlock`. */
  'lock',
  'unlock',
  /** Like lock, for staff at the terminal: the screen says it is under maintenance. */
  'maintenanceOn',
  'maintenanceOff',
  /** The kiosk sends the newest part of its (redacted) log as the result's artifact. */
  'collectLogs',
  /** The kiosk reports every device's status as the result's data. */
  'selfTest',
]);
export type RemoteCommandKind = z.infer<typeof RemoteCommandKind>;

export const RemoteCommandId = z.uuid();
export type RemoteCommandId = z.infer<typeof RemoteCommandId>;

/** At most this many pending commands are announced and handed out at once (oldest first). */
export const maxPendingCommands = 20;

export const RemoteCommand = z.object({
  id: RemoteCommandId,
  kind: RemoteCommandKind,
  /** For lock and maintenance: what the screen says (written by ops; no personal data). */
  message: z.string().max(200).nullable(),
  queuedAt: DateTime,
});
export type RemoteCommand = z.infer<typeof RemoteCommand>;

export const PendingCommandsAnswer = z.object({ commands: z.array(RemoteCommand).max(maxPendingCommands) });
export type PendingCommandsAnswer = z.infer<typeof PendingCommandsAnswer>;

export const CommandOutcome = z.enum(['done', 'failed', 'unsupported']);
export type CommandOutcome = z.infer<typeof CommandOutcome>;

/** Largest artifact (collected logs, gzip) a result carries, decoded. */
export const maxCommandArtifactBytes = 1024 * 1024;

export const CommandArtifact = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/),
  contentType: z.enum(['application/gzip', 'text/plain']),
  base64: z.base64().max(Math.ceil(maxCommandArtifactBytes / 3) * 4),
});
export type CommandArtifact = z.infer<typeof CommandArtifact>;

export const CommandResultRequest = z.strictObject({
  outcome: CommandOutcome,
  /** For ops, in plain words; never personal data. */
  detail: z.string().max(2000),
  finishedAt: DateTime,
  /** Structured findings (a self-test's device states). */
  data: z.json().optional(),
  artifact: CommandArtifact.optional(),
});
export type CommandResultRequest = z.input<typeof CommandResultRequest>;

export const CommandResultAnswer = z.object({
  id: RemoteCommandId,
  outcome: CommandOutcome,
  recordedAt: DateTime,
  /** A result was recorded before; this one changed nothing. */
  repeated: z.boolean(),
});
export type CommandResultAnswer = z.infer<typeof CommandResultAnswer>;

/** What ops queue. */
export const QueueCommandRequest = z.strictObject({ kind: RemoteCommandKind, message: z.string().trim().min(1).max(200).optional() });
export type QueueCommandRequest = z.input<typeof QueueCommandRequest>;

export const OpsCommandStatus = z.enum(['pending', 'done', 'failed', 'unsupported']);
export type OpsCommandStatus = z.infer<typeof OpsCommandStatus>;

export const OpsCommand = z.object({
  id: RemoteCommandId,
  terminalId: z.string(),
  kind: RemoteCommandKind,
  message: z.string().nullable(),
  status: OpsCommandStatus,
  queuedAt: DateTime,
  queuedBy: z.string(),
  /** When the terminal last fetched it; null before. */
  fetchedAt: DateTime.nullable(),
  finishedAt: DateTime.nullable(),
  detail: z.string().nullable(),
  data: z.json().nullable(),
  /** The artifact's name when the result carried one (downloadable in the console). */
  artifact: z.string().nullable(),
});
export type OpsCommand = z.infer<typeof OpsCommand>;

export const OpsCommandList = z.object({ commands: z.array(OpsCommand) });
export type OpsCommandList = z.infer<typeof OpsCommandList>;

// ---- Settings ----

/** `fleet`, `region:<行政区划代码>` (the terminal's region is its group), or `terminal:<id>`. */
export const SettingsScope = z.string().regex(/^(fleet|region:[0-9A-Za-z]{1,12}|terminal:[A-Za-z0-9][A-Za-z0-9._-]{0,63})$/, 'fleet, region:<code> or terminal:<id>');
export type SettingsScope = z.infer<typeof SettingsScope>;

/** A kiosk-config override document (the kiosk checks it against its configuration schema). */
export const SettingsOverrides = z.record(z.string().max(64), z.json());
export type SettingsOverrides = z.infer<typeof SettingsOverrides>;

/** The signed document: exactly one terminal's settings. */
export const SettingsDocument = z.strictObject({
  terminalId: z.string().min(1).max(64),
  /** Rises with every change of any layer the terminal gets; a kiosk never takes a lower one than it has. */
  version: z.number().int().positive(),
  issuedAt: DateTime,
  /** The layers merged, lowest first, with their revisions: what ops see as the source. */
  layers: z.array(z.object({ scope: SettingsScope, revision: z.number().int().positive() })).max(3),
  overrides: SettingsOverrides,
});
export type SettingsDocument = z.infer<typeof SettingsDocument>;

export const maxSettingsTextBytes = 256 * 1024;

export const SignedSettingsAnswer = z.object({
  version: z.number().int().positive(),
  /** SHA-256 (hex) of `text`; the heartbeat answer names it so a kiosk knows when to fetch. */
  etag: z.string().regex(/^[0-9a-f]{64}$/),
  /** The SettingsDocument as the exact JSON text that was signed. */
  text: z.string().max(maxSettingsTextBytes),
  /** `ed25519:<base64url>` over `settingsSigningInput(text)`. */
  signature: z.string().regex(/^ed25519:[A-Za-z0-9_-]{86}$/),
});
export type SignedSettingsAnswer = z.infer<typeof SignedSettingsAnswer>;

/** What the platform's key signs for settings: a fixed prefix keeps a signature over a catalog from verifying here. */
export function settingsSigningInput(text: string): string {
  return `GK1-SETTINGS\n${text}`;
}

export const SettingsRef = z.object({ version: z.number().int().positive(), etag: z.string() });
export type SettingsRef = z.infer<typeof SettingsRef>;

export const PublishSettingsRequest = z.strictObject({ overrides: SettingsOverrides });
export type PublishSettingsRequest = z.input<typeof PublishSettingsRequest>;

export const PublishSettingsAnswer = z.object({ scope: SettingsScope, revision: z.number().int().positive(), updatedAt: DateTime });
export type PublishSettingsAnswer = z.infer<typeof PublishSettingsAnswer>;

// ---- Updates ----

/** An electron-updater channel (`latest`, `beta`, …): the feed folder `/updates/<channel>/`. */
export const UpdateChannel = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/);

export const UpdateReportRequest = z.strictObject({
  channel: UpdateChannel,
  fromVersion: z.string().min(1).max(64),
  toVersion: z.string().min(1).max(64),
  /** `installed`: healthy after the update; `healthCheckFailed`: the kiosk went back to `fromVersion`. */
  outcome: z.enum(['installed', 'healthCheckFailed']),
  detail: z.string().max(2000),
});
export type UpdateReportRequest = z.input<typeof UpdateReportRequest>;

export const UpdateReportAnswer = z.object({
  /** The version the feed now pins this terminal to (after a failed health check), or null. */
  pinnedVersion: z.string().nullable(),
});
export type UpdateReportAnswer = z.infer<typeof UpdateReportAnswer>;
