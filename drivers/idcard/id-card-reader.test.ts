// The driver against the GA 467 simulator over a socat pty pair: the real serial stack end to end.
import { afterEach, describe, expect, it } from 'vitest';
import { IdCardReader, type IdCardReaderOptions } from './id-card-reader';
import { DEFAULT_SAM_ID } from './simulator/ga467-simulator';
import { testCards } from './simulator/test-cards';
import { type SimulatedLine, createSimulatedLine, quickLink, statusBecomes } from './test-support/simulated-line';

let line: SimulatedLine | undefined;
let reader: IdCardReader | undefined;

async function setUp(options: Partial<IdCardReaderOptions> = {}): Promise<{ line: SimulatedLine; reader: IdCardReader }> {
  line = await createSimulatedLine();
  reader = new IdCardReader({ id: 'idcard-test', port: line.driverPort, pollIntervalMs: 20, link: quickLink, ...options });
  await reader.start();
  return { line, reader };
}

afterEach(async () => {
  await reader?.close();
  await line?.close();
  reader = line = undefined;
});

const online = (s: { common: { device: string } }) => s.common.device === 'online';

describe('ID card reader over a pty', () => {
  it('comes online with the SAM ID and reads every card type', async () => {
    const { line, reader } = await setUp();
    expect(reader.status()).toEqual({ common: { device: 'online' }, idCardReader: { media: 'unknown' } });
    expect(reader.samId).toBe(Buffer.from(DEFAULT_SAM_ID).toString('hex').toUpperCase());
    await statusBecomes(reader, (s) => s.idCardReader.media === 'notPresent');

    line.simulator.present('resident');
    const resident = await reader.read({ timeoutMs: 3_000 });
    if (resident.code !== 'success') throw new Error(resident.message);
    expect(resident.value.text).toMatchObject({ cardType: 'resident', name: '张三', idNumber: '11010519491231002X', nation: { name: '汉' } });
    expect(resident.value.photo.bytes).toEqual(testCards.resident.photo);
    expect(resident.value.appendedAddress).toEqual({ kind: 'none' });
    expect(resident.value.fingerprint).toBeUndefined();

    line.simulator.present('residentRareName');
    const rare = await reader.read({ timeoutMs: 3_000 });
    if (rare.code !== 'success') throw new Error(rare.message);
    expect(rare.value.text).toMatchObject({
      cardType: 'resident',
      name: '蓝𠮷䶮',
      gender: 'female',
      nation: { code: '22', name: '畲' },
      idNumber: '330106195603150845',
      validity: { from: '2016-03-15', until: { kind: 'longTerm' } },
    });
    expect(Array.from(rare.value.text.cardType === 'resident' ? rare.value.text.name : '')).toEqual(['蓝', '𠮷', '䶮']);
    expect(rare.value.appendedAddress).toEqual({ kind: 'address', address: '浙江省杭州市拱墅区样例街9号' });

    line.simulator.present('hkMacaoTaiwan');
    const permit = await reader.read({ timeoutMs: 3_000 });
    if (permit.code !== 'success') throw new Error(permit.message);
    expect(permit.value.text).toMatchObject({ cardType: 'hkMacaoTaiwan', name: '陈大文', passNumber: 'H12345678', issueCount: 3 });

    line.simulator.present('foreign2017');
    const foreign2017 = await reader.read({ timeoutMs: 3_000 });
    if (foreign2017.code !== 'success') throw new Error(foreign2017.message);
    expect(foreign2017.value.text).toMatchObject({ cardType: 'foreignPermanent2017', englishName: 'SMITH, JOHN PAUL', nationality: 'USA', chineseName: '史密斯' });

    line.simulator.present('foreign2023');
    const foreign2023 = await reader.read({ timeoutMs: 3_000 });
    if (foreign2023.code !== 'success') throw new Error(foreign2023.message);
    expect(foreign2023.value.text).toMatchObject({
      cardType: 'foreignPermanent2023',
      chineseName: '玛丽',
      englishName: 'MARIA-LUISA GONZALEZ DE LA FUENTES Y RODRIGUEZ',
      countryCode: 'ESP',
    });
    expect(line.simulator.readsServed).toBe(5);
  });

  it('reads fingerprints with 30 10 when configured', async () => {
    const { line, reader } = await setUp({ fingerprint: true, appendedAddress: false });
    expect(reader.capabilities).toMatchObject({ fingerprint: true, appendedAddress: false, photoDecoding: false });
    line.simulator.present('resident');
    const withPrints = await reader.read({ timeoutMs: 3_000 });
    if (withPrints.code !== 'success') throw new Error(withPrints.message);
    expect(withPrints.value.fingerprint).toEqual(testCards.resident.fingerprint);
    expect(withPrints.value.appendedAddress).toBeUndefined();
    line.simulator.present('foreign2017');
    const without = await reader.read({ timeoutMs: 3_000 });
    expect(without.code === 'success' && without.value.fingerprint).toBeUndefined();
  });

  it('hands the photo to a plugged-in decoder', async () => {
    const decoder = {
      name: 'test decoder',
      decode: async () => ({ code: 'success' as const, value: { format: 'bmp' as const, bytes: new Uint8Array([0x42, 0x4d]) } }),
    };
    const { line, reader } = await setUp({ photoDecoder: decoder });
    expect(reader.capabilities.photoDecoding).toBe(true);
    line.simulator.present('foreign2023');
    const card = await reader.read({ timeoutMs: 3_000 });
    expect(card.code === 'success' && card.value.decodedPhoto).toEqual({ format: 'bmp', bytes: new Uint8Array([0x42, 0x4d]) });
  });

  it('does not read the same card twice while it stays; removal and a new presentation make a new read', async () => {
    const { line, reader } = await setUp();
    line.simulator.present('resident');
    await statusBecomes(reader, (s) => s.idCardReader.media === 'present');
    expect((await reader.read({ timeoutMs: 3_000 })).code).toBe('success');

    const again = await reader.read({ timeoutMs: 300 });
    expect(again).toEqual({ code: 'timeOut', message: expect.stringContaining('read already') });
    expect(reader.cardPresence).toBe('alreadyRead');
    expect(reader.status().idCardReader.media).toBe('present');
    expect(line.simulator.readsServed).toBe(1);

    line.simulator.remove();
    await statusBecomes(reader, (s) => s.idCardReader.media === 'notPresent');
    expect(reader.cardPresence).toBe('none');
    line.simulator.present('resident');
    await statusBecomes(reader, (s) => s.idCardReader.media === 'present');
    expect((await reader.read({ timeoutMs: 3_000 })).code).toBe('success');
    expect(line.simulator.readsServed).toBe(2);
  });

  it('a read waits for a card to be presented', async () => {
    const { line, reader } = await setUp();
    const pending = reader.read({ timeoutMs: 3_000 });
    setTimeout(() => line.simulator.present('foreign2017'), 100);
    expect((await pending).code).toBe('success');
  });

  it('reports a card taken away before it was read', async () => {
    const { line, reader } = await setUp();
    line.simulator.present('resident');
    await statusBecomes(reader, (s) => s.idCardReader.media === 'present');
    line.simulator.remove();
    await statusBecomes(reader, (s) => s.idCardReader.media === 'notPresent');
  });

  it.each([
    ['badChecksum', 'cardRead'],
    ['garbage', 'cardRead'],
    ['truncated', 'cardRead'],
    ['badChecksum', 'any'],
    ['truncated', 'any'],
  ] as const)('recovers from a %s reply (%s)', async (kind, target) => {
    const { line, reader } = await setUp();
    line.simulator.present('residentRareName');
    line.simulator.corruptNextReply(kind, target);
    const card = await reader.read({ timeoutMs: 3_000 });
    if (card.code !== 'success') throw new Error(card.message);
    expect(card.value.text).toMatchObject({ name: '蓝𠮷䶮' });
    expect(reader.status().common.device).toBe('online');
  });

  it('ignores line noise between frames', async () => {
    const { line, reader } = await setUp();
    const noise = setInterval(() => void line.devicePort.write(Uint8Array.from([0xaa, 0x00, 0x96, 0x69, 0xff, 0xaa, 0xaa])).catch(() => {}), 15);
    try {
      line.simulator.present('hkMacaoTaiwan');
      const card = await reader.read({ timeoutMs: 3_000 });
      expect(card.code).toBe('success');
    } finally {
      clearInterval(noise);
    }
  });

  it('a SAM fault is a hardwareError until the SAM recovers', async () => {
    const { line, reader } = await setUp();
    line.simulator.samFault();
    await statusBecomes(reader, (s) => s.common.device === 'hardwareError');
    expect(reader.status().idCardReader.media).toBe('unknown');
    expect(await reader.read({ timeoutMs: 500 })).toMatchObject({ code: 'hardwareError' });
    expect(await reader.samInfo()).toMatchObject({ code: 'hardwareError', message: expect.stringContaining('0x60') });
    line.simulator.resume();
    await statusBecomes(reader, online);
  });

  it('a reader that stops answering goes offline and comes back by itself', async () => {
    const { line, reader } = await setUp();
    line.simulator.silent();
    await statusBecomes(reader, (s) => s.common.device === 'offline');
    expect(await reader.read({ timeoutMs: 500 })).toMatchObject({ code: 'deviceNotReady' });
    line.simulator.resume();
    await statusBecomes(reader, online);
    line.simulator.present('resident');
    expect((await reader.read({ timeoutMs: 3_000 })).code).toBe('success');
  });

  it('an unplugged reader is powerOff and comes back online when plugged in again', async () => {
    const { line, reader } = await setUp();
    await line.unplug();
    await statusBecomes(reader, (s) => s.common.device === 'powerOff');
    expect(await reader.read({ timeoutMs: 500 })).toMatchObject({ code: 'deviceNotReady' });
    await line.pty.replug();
    await statusBecomes(reader, online, 10_000);
    line.simulator.present('foreign2023');
    expect((await reader.read({ timeoutMs: 3_000 })).code).toBe('success');
  });

  it('cancellation and timeouts complete with typed codes', async () => {
    const { reader } = await setUp();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await reader.read({ signal: controller.signal, timeoutMs: 3_000 })).toMatchObject({ code: 'canceled' });
    expect(await reader.read({ timeoutMs: 100 })).toEqual({ code: 'timeOut', message: 'idcard.read timed out after 100 ms: no card was presented' });
    const concurrent = [reader.read({ timeoutMs: 200 }), reader.read({ timeoutMs: 200 })];
    expect((await Promise.all(concurrent)).map((c) => c.code)).toEqual(['timeOut', 'timeOut']);
  });

  it('samInfo answers with the SAM ID', async () => {
    const { reader } = await setUp();
    expect(await reader.samInfo()).toEqual({ code: 'success', value: { samId: '05010000202401150000123456789ABC' } });
  });

  it('a port that cannot be opened is powerOff; close leaves it offline', async () => {
    const { ReconnectingPort } = await import('../common/reconnecting-port');
    const port = new ReconnectingPort({ kind: 'serial', path: '/dev/nonexistent-idcard', baudRate: 115_200 }, { retryMs: 10_000 });
    const lonely = new IdCardReader({ id: 'idcard-missing', port });
    await lonely.start();
    expect(lonely.status()).toEqual({ common: { device: 'powerOff' }, idCardReader: { media: 'unknown' } });
    expect(await lonely.read({ timeoutMs: 100 })).toMatchObject({ code: 'deviceNotReady' });
    await lonely.close();
    expect(lonely.status().common.device).toBe('offline');
  });
});
