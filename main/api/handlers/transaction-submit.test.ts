import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CitizenFixture, IDCARD, TERMINAL_ID, openCitizenFixture } from '../../services/test-support/citizen-fixture';
import { claim } from '../../outbox/test-support/outbox-fixture';
import { sharedMaterialsKey, toSubmitRequest } from '../../sync/submit-request';
import { UNASSIGNED_PAGE_LABEL, identityKey } from '../../services/transaction-service';

/** 异地就医备案: scanning allowed, a residence-proof material. */
const ITEM = '370200-000112024000';
const form = { phone: '13800000000', insuranceType: 'employee', residenceCategory: 'longTerm' };

let kiosk: CitizenFixture;
afterEach(async () => {
  await kiosk.close();
});

async function sessionWithCard(card: 'resident' | 'foreign2017' = 'resident'): Promise<string> {
  const { sessionId } = await kiosk.invoke('session.start', {});
  await kiosk.simulate(IDCARD, 'present', { card });
  expect((await kiosk.invoke('identity.readCard', { sessionId, timeoutSeconds: 10 })).ok).toBe(true);
  await kiosk.simulate(IDCARD, 'remove');
  return sessionId;
}

describe('transaction.submit', () => {
  it('stores identity, form and pages in the outbox, answers after the accept, and deletes the page files', async () => {
    kiosk = await openCitizenFixture();
    const sessionId = await sessionWithCard();
    await kiosk.invoke('materials.scan', { sessionId, materialCode: 'residence-proof', resolutionDpi: 75 });
    await kiosk.invoke('materials.scan', { sessionId, resolutionDpi: 75 });
    const folder = path.join(kiosk.sessionsDir, sessionId);
    expect(readdirSync(folder)).toHaveLength(2);

    const result = await kiosk.invoke('transaction.submit', {
      sessionId,
      itemCode: ITEM,
      form: { ...form, applicantName: 'typed by the screen' },
      fromIdCard: { applicantName: 'idCard.name', idNumber: 'idCard.idNumber' },
      materialsFromSharedData: ['id-card'],
    });
    expect(result).toEqual({ ok: true, transactionId: expect.any(String), acceptedAt: expect.any(String) });
    if (!result.ok) return;
    // Answered only after the outbox has it: the row is there the moment the answer is.
    expect(kiosk.outbox.get(result.transactionId)).toMatchObject({ state: 'accepted', itemCode: ITEM, terminalId: TERMINAL_ID, attachmentCount: 2 });
    expect(readdirSync(folder)).toEqual([]);

    const [claimed] = claim(kiosk.outbox, { limit: 1 });
    expect(claimed?.personal).toMatchObject({
      ...form,
      applicantName: '张三',
      idNumber: '11010519491231002X',
      [sharedMaterialsKey]: ['id-card'],
      [identityKey]: { method: 'idCard', cardType: 'resident', idNumber: '11010519491231002X', birthDate: '1949-12-31' },
    });
    expect(JSON.stringify(claimed?.personal)).not.toContain('photo');
    expect(claimed?.attachments.map((a) => [a.label, a.mediaType])).toEqual([
      ['residence-proof', 'image/png'],
      [UNASSIGNED_PAGE_LABEL, 'image/png'],
    ]);
    // What the sync agent will send fits the sync API's contract: the page without a material goes without a code.
    const built = claimed && toSubmitRequest(claimed);
    expect(built).toMatchObject({ ok: true, request: { materialsFromSharedData: ['id-card'], attachments: [{ materialCode: 'residence-proof' }, {}] } });
    expect(built?.ok && built.request.attachments?.[1]).not.toHaveProperty('materialCode');
    const page = await kiosk.outbox.readAttachment(result.transactionId, 0);
    expect(page.ok && page.data.subarray(1, 4).toString()).toBe('PNG');
  });

  it('needs an identity, and names a card field the card does not have', async () => {
    kiosk = await openCitizenFixture();
    const { sessionId } = await kiosk.invoke('session.start', {});
    expect(await kiosk.invoke('transaction.submit', { sessionId, itemCode: ITEM, form })).toMatchObject({ ok: false, error: { code: 'noIdentity' } });
    const foreign = await sessionWithCard('foreign2017');
    expect(await kiosk.invoke('transaction.submit', { sessionId: foreign, itemCode: ITEM, form, fromIdCard: { address: 'idCard.address' } })).toEqual({
      ok: false,
      error: { code: 'cardFieldMissing', message: 'address: this card has no address' },
    });
    expect(kiosk.outbox.stats().depth).toBe(0);
  });

  it('answers a refused accept with a typed error and keeps the pages, so the citizen can try again', async () => {
    kiosk = await openCitizenFixture({ outboxMinFreeBytes: Number.MAX_SAFE_INTEGER });
    const sessionId = await sessionWithCard();
    await kiosk.invoke('materials.scan', { sessionId, resolutionDpi: 75 });
    expect(await kiosk.invoke('transaction.submit', { sessionId, itemCode: ITEM, form })).toMatchObject({ ok: false, error: { code: 'diskFull' } });
    await kiosk.outbox.close();
    expect(await kiosk.invoke('transaction.submit', { sessionId, itemCode: ITEM, form })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(readdirSync(path.join(kiosk.sessionsDir, sessionId))).toHaveLength(1);
  });

  it('refuses a second submit of the session while the first is being stored (a double tap)', async () => {
    kiosk = await openCitizenFixture();
    const sessionId = await sessionWithCard();
    const [first, second] = await Promise.all([
      kiosk.invoke('transaction.submit', { sessionId, itemCode: ITEM, form }),
      kiosk.invoke('transaction.submit', { sessionId, itemCode: ITEM, form }),
    ]);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(kiosk.outbox.stats().depth).toBe(1);
  });

  it('lets a submit being stored finish before session.end wipes the pages it reads', async () => {
    kiosk = await openCitizenFixture();
    const sessionId = await sessionWithCard();
    await kiosk.invoke('materials.scan', { sessionId, resolutionDpi: 75 });
    const submitting = kiosk.invoke('transaction.submit', { sessionId, itemCode: ITEM, form });
    const ending = kiosk.invoke('session.end', { sessionId });
    const result = await submitting;
    expect(result.ok).toBe(true);
    expect(await ending).toEqual({ ended: true });
    expect(result.ok && kiosk.outbox.get(result.transactionId)?.attachmentCount).toBe(1);
    expect(existsSync(path.join(kiosk.sessionsDir, sessionId))).toBe(false);
  });
});
