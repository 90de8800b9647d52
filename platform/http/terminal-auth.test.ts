// Terminal authentication through the real HTTP server, on both storage backends: what a forger, a replayer or a
// kiosk with a wrong clock gets.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ErrorAnswer, authHeaderNames, syncApi, timestampWindowMs } from '../../contracts/sync-api';
import { SignedClient } from '../test-support/signed-client';
import { describeEachStorage } from '../test-support/storage-backends';
import { type TestPlatform, sampleSubmit, startTestPlatform } from '../test-support/test-platform';

describeEachStorage('terminal authentication', (backend) => {
  let test: TestPlatform;
  let clock = new Date('2026-11-02T02:00:00Z').getTime();

  beforeAll(async () => {
    test = await startTestPlatform(backend.storage, { now: () => new Date(clock) });
  });
  afterAll(async () => {
    await test.close();
  });

  const catalog = syncApi.catalog.path;

  it('accepts a correctly signed request', async () => {
    const client = await test.newTerminal();
    expect((await client.send('GET', catalog)).status).toBe(200);
  });

  it('refuses a request without authentication headers, naming the missing header', async () => {
    const client = await test.newTerminal();
    const result = await client.send('GET', catalog, { unsigned: true });
    expect(result.status).toBe(401);
    expect(result.json()).toMatchObject({ code: 'missingAuth', message: expect.stringContaining(authHeaderNames.terminalId) });
  });

  it('refuses a bad signature, a body changed after signing, and a path changed after signing', async () => {
    const client = await test.newTerminal();
    const forged = await client.send('GET', catalog, { signature: 'A'.repeat(43) });
    expect(forged.status).toBe(401);
    expect(forged.json()).toMatchObject({ code: 'badSignature' });

    const request = sampleSubmit(client.terminalId);
    const body = Buffer.from(JSON.stringify(request));
    const headers = client.signatureHeaders('POST', syncApi.submitTransaction.path, body);
    const tampered = await fetch(`${test.url}${syncApi.submitTransaction.path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ ...request, itemCode: '370200-000114007000' }),
    });
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as ErrorAnswer).code).toBe('badSignature');

    const moved = await fetch(`${test.url}/v1/transaction-batches`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
    expect(moved.status).toBe(401);
  });

  it('refuses a secret of another terminal and an unknown terminal', async () => {
    const a = await test.newTerminal();
    const impostor = new SignedClient(test.url, { terminalId: a.terminalId, secret: 'B'.repeat(43) }, () => clock);
    expect((await impostor.send('GET', catalog)).json()).toMatchObject({ code: 'badSignature' });
    const stranger = new SignedClient(test.url, { terminalId: 'NOBODY-1', secret: 'B'.repeat(43) }, () => clock);
    const result = await stranger.send('GET', catalog);
    expect(result.status).toBe(401);
    expect(result.json()).toMatchObject({ code: 'unknownTerminal' });
  });

  it("refuses a stale timestamp and answers the platform's time so the kiosk can correct its clock", async () => {
    const client = await test.newTerminal();
    for (const skew of [timestampWindowMs + 1, -(timestampWindowMs + 1)]) {
      const result = await client.send('GET', catalog, { timestamp: clock + skew });
      expect(result.status).toBe(401);
      expect(result.json()).toEqual({ code: 'staleTimestamp', message: expect.any(String), serverTime: new Date(clock).toISOString() });
    }
    // Inside the window both ways is fine.
    expect((await client.send('GET', catalog, { timestamp: clock + timestampWindowMs - 1000 })).status).toBe(200);
    expect((await client.send('GET', catalog, { timestamp: clock - timestampWindowMs + 1000 })).status).toBe(200);
  });

  it('refuses a replayed nonce, also when the replay carries a valid signature, and forgets nonces once stale', async () => {
    const client = await test.newTerminal();
    const nonce = 'replay-test-nonce-0001';
    const timestamp = clock;
    expect((await client.send('GET', catalog, { nonce, timestamp })).status).toBe(200);
    const replay = await client.send('GET', catalog, { nonce, timestamp });
    expect(replay.status).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'replayedNonce' });
    // A forged request cannot burn a nonce: the nonce is recorded only after the signature checks out.
    const fresh = 'never-used-nonce-0002';
    expect((await client.send('GET', catalog, { nonce: fresh, signature: 'C'.repeat(43) })).status).toBe(401);
    expect((await client.send('GET', catalog, { nonce: fresh })).status).toBe(200);

    // Later, past the window, the old nonce is swept; its replay is refused as stale, not served.
    clock += timestampWindowMs + 120_000;
    expect((await client.send('GET', catalog)).status).toBe(200);
    expect((await client.send('GET', catalog, { nonce, timestamp })).json()).toMatchObject({ code: 'staleTimestamp' });
    // The sweep deleted it: storing it again succeeds.
    expect(await backend.storage.q.rememberNonce(client.terminalId, nonce, new Date(clock))).toBe(true);
  });

  it('refuses a disabled terminal', async () => {
    const client = await test.newTerminal();
    await backend.storage.q.setTerminalEnabled(client.terminalId, false);
    const result = await client.send('GET', catalog);
    expect(result.status).toBe(403);
    expect(result.json()).toMatchObject({ code: 'terminalDisabled' });
  });

  it('refuses ops endpoints without the ops token', async () => {
    const client = await test.newTerminal();
    const signedAsTerminal = await client.send('GET', `/v1/ops/terminals/${client.terminalId}`);
    expect(signedAsTerminal.status).toBe(401);
    const wrong = await fetch(`${test.url}/v1/ops/terminals/${client.terminalId}`, { headers: { authorization: 'Bearer wrong-token-0123456789' } });
    expect(wrong.status).toBe(401);
    expect((await test.ops(`/v1/ops/terminals/${client.terminalId}`)).status).toBe(200);
  });
});
