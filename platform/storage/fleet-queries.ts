// Statements of remote operations: commands queued for terminals and their results, settings layers, update channels
// and pins (migration 5). Part of the one data-access layer (storage/).
import type { SqlExecutor } from './sql-client';

export type CommandStatus = 'pending' | 'done' | 'failed' | 'unsupported';

export interface CommandRecord {
  commandId: string;
  terminalId: string;
  kind: string;
  message: string | null;
  status: CommandStatus;
  queuedAt: Date;
  queuedBy: string;
  fetchedAt: Date | null;
  finishedAt: Date | null;
  recordedAt: Date | null;
  detail: string | null;
  data: unknown;
  artifactName: string | null;
}

export interface CommandResult {
  status: Exclude<CommandStatus, 'pending'>;
  finishedAt: Date;
  recordedAt: Date;
  detail: string;
  data: unknown;
  artifact: { name: string; contentType: string; bytes: Buffer } | null;
}

export interface SettingsLayerRecord {
  scope: string;
  revision: number;
  overrides: Record<string, unknown>;
  updatedAt: Date;
  updatedBy: string;
}

export interface UpdatePinRecord {
  terminalId: string;
  channel: string;
  version: string;
  failedVersion: string;
  detail: string;
  pinnedAt: Date;
}

const commandColumns = `command_id, terminal_id, kind, message, status, queued_at, queued_by, fetched_at, finished_at, recorded_at, detail, data, artifact_name`;

function toDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(value as string | Date);
}

function commandRecord(row: Record<string, unknown>): CommandRecord {
  return {
    commandId: row.command_id as string,
    terminalId: row.terminal_id as string,
    kind: row.kind as string,
    message: (row.message as string | null) ?? null,
    status: row.status as CommandStatus,
    queuedAt: toDate(row.queued_at) as Date,
    queuedBy: row.queued_by as string,
    fetchedAt: toDate(row.fetched_at),
    finishedAt: toDate(row.finished_at),
    recordedAt: toDate(row.recorded_at),
    detail: (row.detail as string | null) ?? null,
    data: row.data ?? null,
    artifactName: (row.artifact_name as string | null) ?? null,
  };
}

type PinRow = { terminal_id: string; channel: string; version: string; failed_version: string; detail: string; pinned_at: unknown };

function pinRecord(r: PinRow): UpdatePinRecord {
  return { terminalId: r.terminal_id, channel: r.channel, version: r.version, failedVersion: r.failed_version, detail: r.detail, pinnedAt: toDate(r.pinned_at) as Date };
}

export class FleetQueries {
  readonly #db: SqlExecutor;

  constructor(db: SqlExecutor) {
    this.#db = db;
  }

  // ---- commands ----

  async insertCommand(command: { commandId: string; terminalId: string; kind: string; message: string | null; queuedAt: Date; queuedBy: string }): Promise<CommandRecord> {
    const { rows } = await this.#db.query(
      `INSERT INTO remote_commands (command_id, terminal_id, kind, message, status, queued_at, queued_by)
       VALUES ($1, $2, $3, $4, 'pending', $5::timestamptz, $6) RETURNING ${commandColumns}`,
      [command.commandId, command.terminalId, command.kind, command.message, command.queuedAt.toISOString(), command.queuedBy],
    );
    return commandRecord(rows[0] as Record<string, unknown>);
  }

  async pendingCommandIds(terminalId: string, limit: number): Promise<string[]> {
    const { rows } = await this.#db.query<{ command_id: string }>(
      `SELECT command_id FROM remote_commands WHERE terminal_id = $1 AND status = 'pending' ORDER BY queued_at, command_id LIMIT $2`,
      [terminalId, limit],
    );
    return rows.map((r) => r.command_id);
  }

  /** The terminal's pending commands, oldest first, marked fetched now. */
  async fetchPendingCommands(terminalId: string, limit: number, now: Date): Promise<CommandRecord[]> {
    const { rows } = await this.#db.query(
      `UPDATE remote_commands SET fetched_at = $3::timestamptz
       WHERE command_id IN (SELECT command_id FROM remote_commands WHERE terminal_id = $1 AND status = 'pending' ORDER BY queued_at, command_id LIMIT $2)
       RETURNING ${commandColumns}`,
      [terminalId, limit, now.toISOString()],
    );
    return rows.map((r) => commandRecord(r)).sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime() || a.commandId.localeCompare(b.commandId));
  }

  async command(commandId: string): Promise<CommandRecord | undefined> {
    const { rows } = await this.#db.query(`SELECT ${commandColumns} FROM remote_commands WHERE command_id = $1`, [commandId]);
    return rows[0] ? commandRecord(rows[0]) : undefined;
  }

  /** Records a result if none was; answers the command as stored afterwards and whether this call recorded it. */
  async recordResult(terminalId: string, commandId: string, result: CommandResult): Promise<{ record: CommandRecord; recorded: boolean } | undefined> {
    const { rows } = await this.#db.query(
      `UPDATE remote_commands SET status = $3, finished_at = $4::timestamptz, recorded_at = $5::timestamptz, detail = $6, data = $7::jsonb,
         artifact_name = $8, artifact_type = $9, artifact = $10
       WHERE command_id = $1 AND terminal_id = $2 AND status = 'pending' RETURNING ${commandColumns}`,
      [
        commandId,
        terminalId,
        result.status,
        result.finishedAt.toISOString(),
        result.recordedAt.toISOString(),
        result.detail,
        result.data === undefined ? null : JSON.stringify(result.data),
        result.artifact?.name ?? null,
        result.artifact?.contentType ?? null,
        result.artifact?.bytes ?? null,
      ],
    );
    if (rows[0]) return { record: commandRecord(rows[0]), recorded: true };
    const existing = await this.command(commandId);
    return existing && existing.terminalId === terminalId ? { record: existing, recorded: false } : undefined;
  }

  async terminalCommands(terminalId: string, limit: number): Promise<CommandRecord[]> {
    const { rows } = await this.#db.query(`SELECT ${commandColumns} FROM remote_commands WHERE terminal_id = $1 ORDER BY queued_at DESC, command_id DESC LIMIT $2`, [terminalId, limit]);
    return rows.map((r) => commandRecord(r));
  }

  async commandArtifact(commandId: string): Promise<{ name: string; contentType: string; bytes: Buffer } | undefined> {
    const { rows } = await this.#db.query<{ artifact_name: string | null; artifact_type: string | null; artifact: Uint8Array | null }>(
      'SELECT artifact_name, artifact_type, artifact FROM remote_commands WHERE command_id = $1',
      [commandId],
    );
    const row = rows[0];
    if (!row?.artifact_name || !row.artifact_type || !row.artifact) return undefined;
    return { name: row.artifact_name, contentType: row.artifact_type, bytes: Buffer.from(row.artifact) };
  }

  // ---- settings ----

  /** Replaces a layer; it takes the next revision of the one sequence all layers share. */
  async putSettingsLayer(scope: string, overrides: Record<string, unknown>, at: Date, by: string): Promise<SettingsLayerRecord> {
    const { rows } = await this.#db.query<{ revision: string | number }>(
      `INSERT INTO settings_layers (scope, revision, overrides, updated_at, updated_by) VALUES ($1, nextval('settings_revisions'), $2::jsonb, $3::timestamptz, $4)
       ON CONFLICT (scope) DO UPDATE SET revision = EXCLUDED.revision, overrides = EXCLUDED.overrides, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
       RETURNING revision`,
      [scope, JSON.stringify(overrides), at.toISOString(), by],
    );
    return { scope, revision: Number(rows[0]?.revision), overrides, updatedAt: at, updatedBy: by };
  }

  /** The layers with these scopes that exist. */
  async settingsLayers(scopes: readonly string[]): Promise<SettingsLayerRecord[]> {
    const { rows } = await this.#db.query<{ scope: string; revision: string | number; overrides: unknown; updated_at: unknown; updated_by: string }>(
      'SELECT scope, revision, overrides, updated_at, updated_by FROM settings_layers WHERE scope = ANY($1::text[])',
      [scopes],
    );
    return rows.map((r) => ({
      scope: r.scope,
      revision: Number(r.revision),
      overrides: (typeof r.overrides === 'string' ? JSON.parse(r.overrides) : r.overrides) as Record<string, unknown>,
      updatedAt: toDate(r.updated_at) as Date,
      updatedBy: r.updated_by,
    }));
  }

  async allSettingsLayers(): Promise<SettingsLayerRecord[]> {
    const { rows } = await this.#db.query<{ scope: string }>('SELECT scope FROM settings_layers ORDER BY scope');
    return this.settingsLayers(rows.map((r) => r.scope));
  }

  // ---- updates ----

  async setStaging(channel: string, percentage: number, at: Date, by: string): Promise<void> {
    await this.#db.query(
      `INSERT INTO update_channels (channel, staging_percentage, updated_at, updated_by) VALUES ($1, $2, $3::timestamptz, $4)
       ON CONFLICT (channel) DO UPDATE SET staging_percentage = EXCLUDED.staging_percentage, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [channel, percentage, at.toISOString(), by],
    );
  }

  async staging(channel: string): Promise<number | undefined> {
    const { rows } = await this.#db.query<{ staging_percentage: number }>('SELECT staging_percentage FROM update_channels WHERE channel = $1', [channel]);
    return rows[0]?.staging_percentage;
  }

  /** Every channel whose staging ops set, for the console's updates page. */
  async stagingChannels(): Promise<{ channel: string; stagingPercentage: number; updatedAt: Date; updatedBy: string }[]> {
    const { rows } = await this.#db.query<{ channel: string; staging_percentage: number; updated_at: unknown; updated_by: string }>(
      'SELECT channel, staging_percentage, updated_at, updated_by FROM update_channels ORDER BY channel',
    );
    return rows.map((r) => ({ channel: r.channel, stagingPercentage: r.staging_percentage, updatedAt: toDate(r.updated_at) as Date, updatedBy: r.updated_by }));
  }

  /** Terminals pinned after a failed health check, newest first. */
  async pins(limit: number): Promise<UpdatePinRecord[]> {
    const { rows } = await this.#db.query<PinRow>(
      'SELECT terminal_id, channel, version, failed_version, detail, pinned_at FROM update_pins ORDER BY pinned_at DESC, terminal_id LIMIT $1',
      [limit],
    );
    return rows.map(pinRecord);
  }

  async pinTerminal(pin: UpdatePinRecord): Promise<void> {
    await this.#db.query(
      `INSERT INTO update_pins (terminal_id, channel, version, failed_version, detail, pinned_at) VALUES ($1, $2, $3, $4, $5, $6::timestamptz)
       ON CONFLICT (terminal_id) DO UPDATE SET channel = EXCLUDED.channel, version = EXCLUDED.version, failed_version = EXCLUDED.failed_version, detail = EXCLUDED.detail, pinned_at = EXCLUDED.pinned_at`,
      [pin.terminalId, pin.channel, pin.version, pin.failedVersion, pin.detail, pin.pinnedAt.toISOString()],
    );
  }

  async unpinTerminal(terminalId: string): Promise<void> {
    await this.#db.query('DELETE FROM update_pins WHERE terminal_id = $1', [terminalId]);
  }

  async pin(terminalId: string): Promise<UpdatePinRecord | undefined> {
    const { rows } = await this.#db.query<PinRow>(
      'SELECT terminal_id, channel, version, failed_version, detail, pinned_at FROM update_pins WHERE terminal_id = $1',
      [terminalId],
    );
    return rows[0] ? pinRecord(rows[0]) : undefined;
  }
}
