// One scripted citizen session through KioskApi, as the screen would run it, with the simulated devices scripted
// through `simulation.run`: start → present a test card → read it → take it away → scan → submit → end.
import type { CardSummary } from '../../contracts/kiosk-api';
import { type KioskApiClient, KioskApiError } from '../../contracts/kiosk-api-client';
import type { TestCardId } from '../../drivers/idcard/simulator/test-cards';
import type { SerialQueue } from '../services/serial-queue';
import type { ScriptedItem } from './scripted-items';

export interface CitizenScript {
  card: TestCardId;
  item: ScriptedItem;
  /** Pages to scan, one flatbed scan each. */
  pages: number;
  /** The material the pages are; none: pages the citizen did not assign. */
  materialCode?: string;
}

export interface ScriptContext {
  client: KioskApiClient;
  /** The simulated reader's device id (from `simulation.list`). */
  idCardDeviceId: string;
  /** Citizens queue at the one card reader: present, read and take away happen one session at a time. */
  cardTurn: SerialQueue;
  /** Called as soon as a submit has resolved ok, before the session goes on. */
  onAccepted(transactionId: string): Promise<void>;
}

export type ScriptResult = { ok: true; transactionId: string } | { ok: false; reason: string };

/** A step that did not go as a citizen's would: its reason becomes the session's. */
class StepFailed extends Error {}

export async function runCitizenScript(context: ScriptContext, script: CitizenScript): Promise<ScriptResult> {
  const { client } = context;
  let sessionId: string | undefined;
  let result: ScriptResult;
  try {
    ({ sessionId } = await client.invoke('session.start', {}));
    const session = sessionId;
    const card = await context.cardTurn.run(() => readCard(context, session, script.card));
    for (let page = 0; page < script.pages; page++) {
      const scan = await client.invoke('materials.scan', { sessionId: session, resolutionDpi: 150, ...(script.materialCode ? { materialCode: script.materialCode } : {}) });
      if (!scan.ok) throw new StepFailed(`materials.scan: ${scan.error.code} (${scan.error.message})`);
    }
    const hasAddress = card.cardType === 'resident' || card.cardType === 'hkMacaoTaiwan';
    const fromIdCard = { ...script.item.fromIdCard };
    if (hasAddress) for (const field of script.item.addressFields) fromIdCard[field] = 'idCard.address';
    const submit = await client.invoke('transaction.submit', { sessionId: session, itemCode: script.item.itemCode, form: script.item.form, fromIdCard });
    if (!submit.ok) throw new StepFailed(`transaction.submit: ${submit.error.code} (${submit.error.message})`);
    await context.onAccepted(submit.transactionId);
    result = { ok: true, transactionId: submit.transactionId };
  } catch (error) {
    result = { ok: false, reason: reasonOf(error) };
  }
  if (sessionId !== undefined) {
    try {
      await client.invoke('session.end', { sessionId });
    } catch (error) {
      // The transaction (if any) is accepted and recorded; the session's failure is still reported.
      if (result.ok) result = { ok: false, reason: `session.end: ${reasonOf(error)}` };
    }
  }
  return result;
}

async function readCard(context: ScriptContext, sessionId: string, card: TestCardId): Promise<CardSummary> {
  const { client, idCardDeviceId } = context;
  await simulate(context, idCardDeviceId, 'present', { card });
  try {
    const read = await client.invoke('identity.readCard', { sessionId, timeoutSeconds: 30 });
    if (!read.ok) throw new StepFailed(`identity.readCard: ${read.error.code} (${read.error.message})`);
    return read.card;
  } finally {
    // Taken away whatever happened, so the next citizen's card is a new presentation.
    await simulate(context, idCardDeviceId, 'remove', {});
  }
}

async function simulate(context: ScriptContext, deviceId: string, action: string, input: Record<string, string>): Promise<void> {
  const run = await context.client.invoke('simulation.run', { deviceId, action, input });
  if (!run.ok) throw new StepFailed(`simulation.run ${deviceId}.${action}: ${run.reason}`);
}

function reasonOf(error: unknown): string {
  if (error instanceof StepFailed) return error.message;
  if (error instanceof KioskApiError) return `KioskApi ${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
