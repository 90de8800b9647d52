import { afterEach, describe, expect, it } from 'vitest';
import { cardJson, maskAddress, maskName } from './card-json';
import { idcardCli } from './cli';
import type { IdCard } from './id-card-reader';
import { decodeIdCardText } from './id-card-text';
import { type TestCardId, testCardIds, testCards } from './simulator/test-cards';
import { type SimulatedLine, createSimulatedLine } from './test-support/simulated-line';

function context() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), signal: new AbortController().signal } };
}

function cardOf(id: TestCardId): IdCard {
  const text = decodeIdCardText(testCards[id].text);
  if (!text.ok) throw new Error(text.error.message);
  return { text: text.value, photo: { format: 'wlt', bytes: testCards[id].photo } };
}

describe('masking', () => {
  it('keeps one whole character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('𠮷田')).toBe('𠮷*');
    expect(maskName('SMITH, JOHN PAUL')).toBe('S*');
  });

  it('keeps the province and city of an address only', () => {
    expect(maskAddress('浙江省杭州市西湖区示例路88号')).toBe('浙江省杭州市***');
    expect(maskAddress('北京市朝阳区示例路1号')).toBe('北京市***');
    expect(maskAddress('广西壮族自治区南宁市青秀区示例路3号')).toBe('广西壮族自治区南宁市***');
    expect(maskAddress('河北省沧州县城关镇市场街1号')).toBe('河北省***');
    expect(maskAddress('Flat 3, 10 Example Road')).toBe('Fl***');
  });

  it.each(testCardIds)('no personal field of the %s card survives masking', (id) => {
    const card = cardOf(id);
    const masked = JSON.stringify(cardJson(card, { showPii: false }));
    const personal = ['name', 'chineseName', 'englishName', 'idNumber', 'cardNumber', 'passNumber', 'address', 'birthDate'];
    for (const [key, value] of Object.entries(card.text)) {
      if (personal.includes(key) && typeof value === 'string') expect(masked).not.toContain(value);
    }
    expect(masked).not.toContain(card.text.birthDate.replaceAll('-', ''));
    expect(JSON.parse(masked)).toMatchObject({ photo: { format: 'wlt', bytes: 1024 }, piiMasked: true });
    expect(cardJson(card, { showPii: true })).toMatchObject({ ...card.text, piiMasked: false });
  });
});

describe('idcard CLI against the simulator over a pty', () => {
  let line: SimulatedLine | undefined;
  afterEach(async () => {
    await line?.close();
    line = undefined;
  });

  it('read prints the masked card; --show-pii prints it whole', async () => {
    line = await createSimulatedLine();
    line.simulator.present('residentRareName');
    const masked = context();
    expect(await idcardCli.read?.run({ port: line.pty.driverPath, timeout: '3' }, masked.io)).toEqual({ ok: true });
    expect(JSON.parse(masked.out.join('\n'))).toMatchObject({ name: '蓝*', idNumber: '330***********0845', birthDate: '****-**-**' });

    line.simulator.present('residentRareName');
    const whole = context();
    expect(await idcardCli.read?.run({ port: `${line.pty.driverPath}@115200`, 'show-pii': true }, whole.io)).toEqual({ ok: true });
    expect(JSON.parse(whole.out.join('\n'))).toMatchObject({ name: '蓝𠮷䶮', idNumber: '330106195603150845' });
  });

  it('read fails with a one-line reason: no card, a card read already, no port', async () => {
    line = await createSimulatedLine();
    const port = line.pty.driverPath;
    expect(await idcardCli.read?.run({ port, timeout: '0.2' }, context().io)).toEqual({ ok: false, reason: 'no card on the reader (waited 0.2 s)' });
    line.simulator.present('foreign2017');
    expect(await idcardCli.read?.run({ port }, context().io)).toEqual({ ok: true });
    expect(await idcardCli.read?.run({ port, timeout: '0.3' }, context().io)).toEqual({
      ok: false,
      reason: 'the card on the reader was read already: take it away and put it back',
    });
    expect(await idcardCli.read?.run({ port: '/dev/ttyIDCARD-missing' }, context().io)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^port not available: .*ttyIDCARD-missing/),
    });
    expect(await idcardCli.read?.run({}, context().io)).toEqual({ ok: false, reason: '--port is required' });
    expect(await idcardCli.read?.run({ port, timeout: 'soon' }, context().io)).toEqual({ ok: false, reason: 'bad --timeout soon' });
  });

  it('status prints the SAM ID, and fails on a SAM fault', async () => {
    line = await createSimulatedLine();
    const ok = context();
    expect(await idcardCli.status?.run({ port: line.pty.driverPath }, ok.io)).toEqual({ ok: true });
    expect(JSON.parse(ok.out.join('\n'))).toEqual({ device: 'online', samId: '05010000202401150000123456789ABC' });
    line.simulator.samFault();
    expect(await idcardCli.status?.run({ port: line.pty.driverPath }, context().io)).toEqual({
      ok: false,
      reason: "the reader's SAM reports a fault (samStatus: SAM status 0x60, SAM self-test failed)",
    });
  });
});
