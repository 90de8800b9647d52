// Remote commands (contracts/remote-operations.ts): ops queue them per terminal (audited), the terminal learns their
// ids from its heartbeat answer, fetches them and posts one result each. The first result stands: a repeat (the
// kiosk's answer was lost, or it restarted before it heard back) gets what was recorded, so acknowledging is
// idempotent by command id.
import { randomUUID } from 'node:crypto';
import {
  type CommandResultAnswer,
  type CommandResultRequest,
  type OpsCommand,
  type PendingCommandsAnswer,
  type QueueCommandRequest,
  maxPendingCommands,
} from '../../contracts/remote-operations';
import type { OpsAccounts, OpsPrincipal } from '../ops/ops-accounts';
import type { CommandRecord } from '../storage/fleet-queries';
import { type Outcome, type SyncDeps, fail } from '../sync/outcome';

/** How many of a terminal's commands ops see (newest first). */
const HISTORY = 50;

export function opsCommand(record: CommandRecord): OpsCommand {
  return {
    id: record.commandId,
    terminalId: record.terminalId,
    kind: record.kind as OpsCommand['kind'],
    message: record.message,
    status: record.status,
    queuedAt: record.queuedAt.toISOString(),
    queuedBy: record.queuedBy,
    fetchedAt: record.fetchedAt?.toISOString() ?? null,
    finishedAt: record.finishedAt?.toISOString() ?? null,
    detail: record.detail,
    data: (record.data ?? null) as OpsCommand['data'],
    artifact: record.artifactName,
  };
}

export async function queueCommand(sync: SyncDeps, accounts: OpsAccounts, principal: OpsPrincipal, terminalId: string, request: QueueCommandRequest): Promise<Outcome<OpsCommand>> {
  const terminal = await sync.storage.q.getTerminal(terminalId);
  if (!terminal) return fail(404, 'notFound', `no terminal ${terminalId}`);
  const record = await sync.storage.fleet.insertCommand({
    commandId: randomUUID(),
    terminalId,
    kind: request.kind,
    message: request.message ?? null,
    queuedAt: sync.now(),
    queuedBy: principal.username,
  });
  await accounts.audit(principal.username, 'command.queue', terminalId, { commandId: record.commandId, kind: record.kind, message: record.message });
  return { ok: true, value: opsCommand(record) };
}

export async function terminalCommands(sync: SyncDeps, terminalId: string): Promise<OpsCommand[]> {
  return (await sync.storage.fleet.terminalCommands(terminalId, HISTORY)).map(opsCommand);
}

/** For the heartbeat answer: the ids the terminal should fetch. */
export function pendingCommandIds(sync: SyncDeps, terminalId: string): Promise<string[]> {
  return sync.storage.fleet.pendingCommandIds(terminalId, maxPendingCommands);
}

export async function pendingCommands(sync: SyncDeps, terminalId: string): Promise<PendingCommandsAnswer> {
  const records = await sync.storage.fleet.fetchPendingCommands(terminalId, maxPendingCommands, sync.now());
  return { commands: records.map((r) => ({ id: r.commandId, kind: r.kind as OpsCommand['kind'], message: r.message, queuedAt: r.queuedAt.toISOString() })) };
}

export async function recordCommandResult(sync: SyncDeps, terminalId: string, commandId: string, result: CommandResultRequest): Promise<Outcome<CommandResultAnswer>> {
  const stored = await sync.storage.fleet.recordResult(terminalId, commandId, {
    status: result.outcome,
    finishedAt: new Date(result.finishedAt),
    recordedAt: sync.now(),
    detail: result.detail,
    data: result.data,
    artifact: result.artifact ? { name: result.artifact.name, contentType: result.artifact.contentType, bytes: Buffer.from(result.artifact.base64, 'base64') } : null,
  });
  // Another terminal's command is answered like one that does not exist: ids reveal nothing across terminals.
  if (!stored) return fail(404, 'notFound', `no command ${commandId} for this terminal`);
  const { record, recorded } = stored;
  if (record.status === 'pending' || !record.recordedAt) return fail(404, 'notFound', `command ${commandId} has no result`);
  return { ok: true, value: { id: record.commandId, outcome: record.status, recordedAt: record.recordedAt.toISOString(), repeated: !recorded } };
}
