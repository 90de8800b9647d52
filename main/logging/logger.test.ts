import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type KioskLogger, createLogger } from './logger';

let dir: string;
const open: KioskLogger[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kiosk-log-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((log) => log.close()));
  await rm(dir, { recursive: true, force: true });
});

async function newLogger(options: Partial<Parameters<typeof createLogger>[0]> = {}): Promise<KioskLogger> {
  const log = await createLogger({ dir, level: 'trace', maxFileSizeMb: 10, maxFiles: 5, ...options });
  open.push(log);
  return log;
}

async function readLines(): Promise<{ files: string[]; text: string; lines: Record<string, unknown>[] }> {
  const files = (await readdir(dir)).sort();
  let text = '';
  for (const file of files) text += await readFile(path.join(dir, file), 'utf8');
  const lines = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { files, text, lines };
}

// One citizen's data, in every form it takes at a kiosk.
const person = {
  id18: '11010519491231002X',
  id15: '110105491231002',
  mobile: '13912876543',
  mobileFormats: ['139-1287-6543', '139 1287 6543', '+86 139 1287 6543', '+8613912876543'],
  landline: '010-62876543',
  name: '𠮷田花子',
  address: '北京市朝阳区建国路88号院3号楼',
  birthDate: '1949-12-31',
  photo: `/9j/4AAQSkZJRgABAQEASABIAAD${'Qk1GRAAAAAAAAADYAAAAoAAAAAQAAAAEAAAABABgAAAAAAAAAAAAAAAAA'.repeat(8)}`,
};

/** Every raw value, and the pieces of numbers that would still identify someone. */
const forbidden = [
  person.id18,
  person.id18.slice(0, 17),
  person.id15,
  person.mobile,
  ...person.mobileFormats,
  '12876543',
  '1287-6543',
  '1287 6543',
  person.landline,
  '62876543',
  person.name,
  '𠮷',
  person.address,
  '建国路',
  person.birthDate,
  person.photo.slice(0, 40),
];

function expectNoPersonalData(text: string, lines: Record<string, unknown>[]): void {
  // Both the bytes on disk and the decoded lines: a leak could hide behind a JSON \u escape.
  const decoded = lines.map((line) => JSON.stringify(line)).join('\n');
  for (const value of forbidden) {
    expect(text, `raw file contains ${value}`).not.toContain(value);
    expect(decoded, `decoded lines contain ${value}`).not.toContain(value);
  }
}

function card() {
  return {
    name: person.name,
    gender: '女',
    nation: '汉',
    birthDate: person.birthDate,
    address: person.address,
    idNumber: person.id18,
    issuer: '北京市公安局朝阳分局',
    validFrom: '2015-06-01',
    validTo: '2035-06-01',
    photo: person.photo,
  };
}

function citizenError(): Error {
  const cause = Object.assign(new Error(`手机号 ${person.mobile} 未注册, 联系电话 ${person.landline}`), { code: 'E_NO_ACCOUNT', phone: person.mobile });
  return Object.assign(new Error(`证件 ${person.id18} 已过期 (${person.id15})`, { cause }), { idNumber: person.id18, name: person.name, step: 'verify' });
}

/** Pushes the person's data through every way a value reaches a log line. */
function logEverything(log: KioskLogger['logger']): void {
  // message strings
  log.info(`读卡成功 ${person.id18} 旧证 ${person.id15} 电话 ${person.mobile} 座机 ${person.landline}`);
  for (const phone of person.mobileFormats) log.info(`联系电话：${phone}。`);
  log.info(`照片 data:image/jpeg;base64,${person.photo}`);
  // printf arguments, including a number split between template and argument
  log.info('证件 %s 手机 %s 座机 %s 对象 %o 数据 %j', person.id18, person.mobile, person.landline, { phone: person.mobile }, card());
  log.info('电话 139%s', '12876543');
  log.info('号码 %d', Number(person.mobile));
  // merge objects, nested objects and arrays
  log.info(
    {
      txId: '0190f5e2-7a6b-7c3d-8e9f-0123456789ab',
      itemName: '居民身份证挂失',
      form: { applicantName: person.name, contactPhone: person.mobile, homeAddress: person.address, rows: [{ idNo: person.id15 }, [person.id18]] },
      note: `申请人电话 ${person.mobileFormats[2]}`,
    },
    'form submitted',
  );
  // a structured card object
  log.info({ event: 'card.read', durationMs: 412, card: card() }, 'card read');
  // Errors: first argument, under err, with a message and printf, nested, with a cause
  log.error(citizenError());
  log.error({ err: citizenError() }, 'verification failed');
  log.error(citizenError(), 'verification failed for %s', person.mobile);
  log.warn({ details: { attempts: [citizenError()] } }, 'retrying');
  // child bindings, grandchildren, setBindings, msgPrefix
  const child = log.child({ component: 'identity', applicantName: person.name, session: { phone: person.mobile, note: person.id18 } });
  child.info('child line');
  child.child({ idNo: person.id15, reader: '/dev/ttyUSB0' }).warn('grandchild line');
  child.child({}, { msgPrefix: `[${person.mobile}] `, level: 'debug' }).info('prefixed line');
  const other = log.child({ component: 'queue' });
  other.setBindings({ holderName: person.name, callback: `tel:${person.mobile}` });
  other.info('rebound line');
}

describe('createLogger: no personal data reaches a file', () => {
  it('through every path, with the card values registered', async () => {
    const captured: string[] = [];
    const log = await newLogger({ extraDestination: { write: (line: string) => void captured.push(line) } });
    // What the identity service does after reading a card: names and addresses have no pattern.
    log.personalValues.add([person.name, person.address, person.birthDate]);
    logEverything(log.logger);
    // Free text that only the registered values can catch.
    log.logger.info(`${person.name}，住${person.address}，生于${person.birthDate}`);
    log.logger.info('申请人 %s 地址 %s', person.name, person.address);
    log.logger.info({ remark: `代办人：${person.name}` }, 'remark');
    await log.close();

    const { files, text, lines } = await readLines();
    expect(files).toEqual(['kiosk.1.log']);
    expectNoPersonalData(text, lines);
    expectNoPersonalData(captured.join(''), captured.map((line) => JSON.parse(line) as Record<string, unknown>));
    expect(captured.join('')).toBe(text);

    // The lines are there and keep what is not personal.
    expect(lines.length).toBe(22);
    const form = lines.find((line) => line.msg === 'form submitted');
    expect(form).toMatchObject({
      level: 30,
      txId: '0190f5e2-7a6b-7c3d-8e9f-0123456789ab',
      itemName: '居民身份证挂失',
      form: { applicantName: '[REDACTED]', contactPhone: '[REDACTED]', homeAddress: '[REDACTED]', rows: [{ idNo: '[REDACTED]' }, ['[ID]']] },
      note: '申请人电话 [PHONE]',
    });
    expect(typeof form?.time).toBe('string');
    expect(lines.find((line) => line.msg === 'card read')).toMatchObject({
      event: 'card.read',
      durationMs: 412,
      card: { gender: '女', nation: '汉', issuer: '北京市公安局朝阳分局', validTo: '2035-06-01', name: '[REDACTED]', photo: '[REDACTED]' },
    });
    expect(lines[0]?.msg).toBe('读卡成功 [ID] 旧证 [ID] 电话 [PHONE] 座机 [PHONE]');
    expect(lines.find((line) => line.msg === 'verification failed')).toMatchObject({
      level: 50,
      // The error's own idNumber field marks that value personal: removed as a known value, not as a pattern.
      err: { type: 'Error', message: '证件 [REDACTED] 已过期 ([ID])', step: 'verify', idNumber: '[REDACTED]', cause: { code: 'E_NO_ACCOUNT', phone: '[REDACTED]' } },
    });
    const firstError = lines.find((line) => line.level === 50);
    expect(firstError?.msg).toBe('证件 [REDACTED] 已过期 ([ID])');
    // The error's `name` field (the citizen's name) is also the first word of its stack.
    expect(String((firstError?.err as { stack: string }).stack)).toMatch(/^\[REDACTED\]: 证件 \[REDACTED\] 已过期/);
    expect(lines.find((line) => line.msg === 'grandchild line')).toMatchObject({ component: 'identity', reader: '/dev/ttyUSB0', idNo: '[REDACTED]' });
    expect(lines.find((line) => line.msg === '[[PHONE]] prefixed line')).toBeDefined();
    expect(lines.find((line) => line.msg === 'rebound line')).toMatchObject({ component: 'queue', holderName: '[REDACTED]' });
    expect(lines.at(-3)?.msg).toBe('[REDACTED]，住[REDACTED]，生于[REDACTED]');
    expect(lines.every((line) => typeof line.pid === 'number' && typeof line.hostname === 'string')).toBe(true);
  });

  it('through every path by key and pattern alone, before any value is registered', async () => {
    const log = await newLogger();
    logEverything(log.logger);
    await log.flush();
    const { text, lines } = await readLines();
    expectNoPersonalData(text, lines);
    expect(lines.length).toBe(19);
  });

  it('forgets registered values when the session is wiped', async () => {
    const log = await newLogger();
    log.personalValues.add([person.name]);
    log.logger.info(`a ${person.name}`);
    log.personalValues.clear();
    log.logger.info('b 田花');
    await log.flush();
    const { lines } = await readLines();
    expect(lines.map((line) => line.msg)).toEqual(['a [REDACTED]', 'b 田花']);
  });
});

describe('createLogger: files', () => {
  it('rotates by size and keeps at most maxFiles files', async () => {
    const log = await newLogger({ maxFileSizeMb: 2 / 1024, maxFiles: 3 }); // 2 KiB
    for (let i = 0; i < 200; i++) {
      log.logger.info({ i, pad: 'x'.repeat(100) }, 'line');
      // Rotation happens between turns of the event loop, as it does when a kiosk logs over time.
      if (i % 5 === 4) await nextTurn();
    }
    await log.close();
    await vi.waitFor(async () => expect((await readdir(dir)).length).toBeLessThanOrEqual(3));
    const { files, lines } = await readLines();
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) expect(file).toMatch(/^kiosk\.\d+\.log$/);
    // The newest lines are kept, whole and in order.
    const numbers = lines.map((line) => line.i as number);
    expect(numbers.at(-1)).toBe(199);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(Math.max(...files.map((file) => Number(file.split('.')[1])))).toBeGreaterThan(3);
  });

  it('continues numbering after a restart and applies the limit to older runs', async () => {
    const first = await newLogger({ maxFileSizeMb: 1 / 1024, maxFiles: 2 });
    for (let i = 0; i < 40; i++) {
      first.logger.info({ run: 1, i, pad: 'x'.repeat(100) }, 'line');
      await nextTurn();
    }
    await first.close();
    const before = Math.max(...(await readdir(dir)).map((file) => Number(file.split('.')[1])));

    const second = await newLogger({ maxFileSizeMb: 1 / 1024, maxFiles: 2 });
    for (let i = 0; i < 40; i++) {
      second.logger.info({ run: 2, i, pad: 'x'.repeat(100) }, 'line');
      await nextTurn();
    }
    await second.close();
    await vi.waitFor(async () => expect((await readdir(dir)).length).toBeLessThanOrEqual(2));
    const { files, lines } = await readLines();
    expect(Math.min(...files.map((file) => Number(file.split('.')[1])))).toBeGreaterThan(before);
    expect(lines.every((line) => line.run === 2)).toBe(true);
  });

  it('respects the level and drops lines after close without throwing', async () => {
    const log = await newLogger({ level: 'warn' });
    const loud = log.logger.child({ component: 'x' }, { level: 'trace' });
    log.logger.info('not written');
    log.logger.warn('written');
    await log.close();
    expect(() => {
      log.logger.error('after close');
      loud.error('after close, own level');
    }).not.toThrow();
    await expect(log.flush()).resolves.toBeUndefined();
    const { lines } = await readLines();
    expect(lines.map((line) => line.msg)).toEqual(['written']);
  });

  it('creates the directory and refuses nonsense limits', async () => {
    const nested = path.join(dir, 'a', 'logs');
    const log = await createLogger({ dir: nested, level: 'info', maxFileSizeMb: 1, maxFiles: 2 });
    log.logger.info('hello');
    await log.close();
    expect(await readdir(nested)).toEqual(['kiosk.1.log']);
    await expect(createLogger({ dir, level: 'info', maxFileSizeMb: 1, maxFiles: 1 })).rejects.toThrow(RangeError);
    await expect(createLogger({ dir, level: 'info', maxFileSizeMb: 0, maxFiles: 2 })).rejects.toThrow(RangeError);
  });
});
