import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, isPersonalKey, redact, redactString } from './redact';

describe('redactString: ID numbers', () => {
  it.each([
    ['110101199003071234', '[ID]'],
    ['11010119900307123X', '[ID]'],
    ['11010119900307123x', '[ID]'],
    ['110101 19900307 123X', '[ID]'],
    ['110101-19900307-1234', '[ID]'],
    ['110101900307123', '[ID]'],
    ['身份证号110101199003071234已读取', '身份证号[ID]已读取'],
    ['id=110101199003071234, ok', 'id=[ID], ok'],
    ['"idNo":"11010119900307123X"', '"idNo":"[ID]"'],
  ])('masks %j', (input, expected) => {
    expect(redactString(input)).toBe(expected);
  });

  it.each([
    ['a run of 19 digits', '1110101199003071234'],
    ['a run inside letters', 'abc110101199003071234def'],
    ['an 18-digit number with no birth date in it', '123456789012345678'],
    ['a millisecond timestamp', 'at 1732233600000'],
    ['a UUIDv7', '0190f5e2-7a6b-7c3d-8e9f-123456789012'],
    ['a SHA-256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['a port and an ISO time', 'listening on 127.0.0.1:8080 since 2024-01-15T10:00:00.000Z'],
    ['a version', 'gov-kiosk 0.1.0 (electron 45.4.1)'],
  ])('leaves %s alone', (_name, input) => {
    expect(redactString(input)).toBe(input);
  });
});

describe('redactString: phone numbers', () => {
  it.each([
    '13812345678',
    '138-1234-5678',
    '138 1234 5678',
    '+86 138 1234 5678',
    '+86-138-1234-5678',
    '+8613812345678',
    '8613812345678',
    '0086 13812345678',
    '010-12345678',
    '0755-1234567',
    '075512345678',
    '(021) 87654321',
    '(021)87654321',
    '+86-10-12345678',
    '+86 (0)10 12345678',
    '0571-88889999-123',
  ])('masks %j', (phone) => {
    expect(redactString(`电话 ${phone}。`)).toBe('电话 [PHONE]。');
  });

  it('leaves numbers of the wrong shape alone', () => {
    for (const input of ['12812345678', '138123456789', 'port 9100', 'x13812345678y', 'code 0000000']) {
      expect(redactString(input)).toBe(input);
    }
  });
});

describe('redactString: other patterns', () => {
  it('masks e-mail addresses, inline images and long base64', () => {
    const photo = 'iVBORw0KGgo'.padEnd(300, 'A');
    expect(redactString('mail zhang.san+k@example.com.cn now')).toBe('mail [EMAIL] now');
    expect(redactString(`img data:image/jpeg;base64,${photo}= end`)).toBe('img [DATA] end');
    expect(redactString(`raw ${photo} end`)).toBe('raw [DATA] end');
  });

  it('removes known values wherever they occur, longest first', () => {
    const known = ['𠮷田花子', '𠮷田', '浙江省杭州市西湖区文三路90号'];
    expect(redactString('申请人𠮷田花子，住浙江省杭州市西湖区文三路90号', { knownValues: known })).toBe(`申请人${REDACTED}，住${REDACTED}`);
    expect(redactString('𠮷田先生', { knownValues: known })).toBe(`${REDACTED}先生`);
    // Too short to remove everywhere: ignored.
    expect(redactString('王先生 ok', { knownValues: ['王', 'ok'] })).toBe('王先生 ok');
    expect(redactString('Dear Anna Li', { knownValues: [' Anna Li '] })).toBe(`Dear ${REDACTED}`);
  });
});

describe('isPersonalKey', () => {
  it.each([
    'name', 'Name', 'NAME', 'fullName', 'full_name', 'partyName', 'applicantName', 'address', 'homeAddress', 'idNumber',
    'ID_NUMBER', 'idNo', 'applicantIdNo', 'certNo', 'phone', 'contactPhone', 'mobile', 'tel', 'contact-tel', 'birthDate',
    'photo', 'idPhoto', 'face', 'faceImage', 'signature', 'email', 'sfzh', 'XM',
  ])('%s is personal', (key) => {
    expect(isPersonalKey(key)).toBe(true);
  });

  it.each(['fileName', 'terminalName', 'itemName', 'ipAddress', 'remoteAddress', 'microphone', 'level', 'msg', 'err', 'port', 'idle', 'command'])(
    '%s is not',
    (key) => {
      expect(isPersonalKey(key)).toBe(false);
    },
  );
});

describe('redact', () => {
  const card = {
    name: '𠮷田花子',
    gender: 'female',
    birthDate: '1990-03-07',
    address: '浙江省杭州市西湖区文三路90号',
    idNumber: '11010119900307123X',
    photo: 'data:image/bmp;base64,Qk02AAAAAAAAADYAAAAoAAAAAQAAAAEAAAABABgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    issuer: '杭州市公安局西湖分局',
  };

  it('replaces personal fields by key, at any depth, and keeps the rest', () => {
    const input = {
      event: 'card.read',
      durationMs: 412,
      card,
      contacts: [{ phone: 13812345678, relation: 'self' }, { Mobile: '+86 139 0000 1111', relation: 'agent' }],
      note: 'call 021-87654321',
    };
    expect(redact(input)).toEqual({
      event: 'card.read',
      durationMs: 412,
      card: { name: REDACTED, gender: 'female', birthDate: REDACTED, address: REDACTED, idNumber: REDACTED, photo: REDACTED, issuer: '杭州市公安局西湖分局' },
      contacts: [{ phone: REDACTED, relation: 'self' }, { Mobile: REDACTED, relation: 'agent' }],
      note: 'call [PHONE]',
    });
  });

  it('replaces a personal field whatever its value, but keeps null and undefined', () => {
    expect(redact({ face: { data: [1, 2, 3] }, photo: Buffer.from('x'), name: null, phone: undefined })).toEqual({
      face: REDACTED,
      photo: REDACTED,
      name: null,
      phone: undefined,
    });
  });

  it('does not change its input', () => {
    const input = { card: { ...card }, list: [card.idNumber, { name: card.name }], error: new Error(`bad ${card.idNumber}`) };
    const before = structuredClone(input);
    redact(input);
    expect(input).toEqual(before);
    expect(input.error.message).toBe(`bad ${card.idNumber}`);
  });

  it('masks phones and IDs held as numbers, and leaves other numbers alone', () => {
    expect(redact({ a: 13812345678, b: 110101900307123, c: 110101199003071234n, time: 1732233600000, port: 9100, ratio: 0.25 })).toEqual({
      a: '[PHONE]',
      b: '[ID]',
      c: '[ID]',
      time: 1732233600000,
      port: 9100,
      ratio: 0.25,
    });
  });

  it('turns Errors into plain data with message, stack and cause redacted', () => {
    const cause = Object.assign(new Error(`no record for 110101199003071234`), { code: 'E_NOT_FOUND', idNo: '110101199003071234' });
    const error = new TypeError('lookup failed for 13812345678', { cause });
    const out = redact({ err: error }) as { err: Record<string, unknown> & { cause: Record<string, unknown> } };
    expect(out.err.type).toBe('TypeError');
    expect(out.err.message).toBe('lookup failed for [PHONE]');
    expect(out.err.stack).toMatch(/^TypeError: lookup failed for \[PHONE\]\n\s+at /);
    // The cause's idNo field marks that number personal, so it goes as a known value.
    expect(out.err.cause).toMatchObject({ type: 'Error', message: `no record for ${REDACTED}`, code: 'E_NOT_FOUND', idNo: REDACTED });
    expect(String(out.err.cause.stack)).not.toContain('110101199003071234');
  });

  it('handles AggregateError, Map, Set, binary data and URLs', () => {
    const out = redact({
      agg: new AggregateError([new Error('13812345678')], 'several'),
      map: new Map<unknown, unknown>([['phone', '1'], ['k', '13812345678']]),
      set: new Set(['010-12345678', 'ok']),
      frame: new Uint8Array(1295),
      url: new URL('https://example.org/q?mobile=13812345678'),
    });
    expect(out).toMatchObject({
      agg: { message: 'several', errors: [{ message: '[PHONE]' }] },
      map: { phone: REDACTED, k: '[PHONE]' },
      set: ['[PHONE]', 'ok'],
      frame: '[Binary 1295 bytes]',
      url: 'https://example.org/q?mobile=[PHONE]',
    });
  });

  it('survives cycles and deep nesting', () => {
    const a: Record<string, unknown> = { phone: '13812345678', note: '13812345678' };
    a.self = a;
    a.list = [a];
    expect(redact(a)).toEqual({ phone: REDACTED, note: REDACTED, self: '[Circular]', list: ['[Circular]'] });
    let deep: unknown = 'x';
    for (let i = 0; i < 1000; i++) deep = { d: deep };
    expect(() => JSON.stringify(redact(deep))).not.toThrow();
  });

  it('keeps a shared (not circular) object in both places', () => {
    const shared = { ok: true };
    expect(redact({ a: shared, b: shared })).toEqual({ a: { ok: true }, b: { ok: true } });
  });

  it('never throws, even for a hostile object', () => {
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('no'); } });
    const getter = Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('no'); } });
    expect(redact(hostile)).toBe('[Unloggable]');
    expect(redact(getter)).toEqual({ x: '[Unreadable]' });
  });

  it('masks keys that are themselves personal data', () => {
    expect(redact({ '13812345678': 'x' })).toEqual({ '[PHONE]': 'x' });
  });

  it('removes the values of personal fields from the other strings of the same value', () => {
    const error = Object.assign(new Error('not allowed'), { name: '张三丰' });
    expect(redact({ name: '张三丰', msg: '张三丰 signed in', tel: 13800000000, note: 'call 13800000000' })).toEqual({
      name: REDACTED,
      msg: `${REDACTED} signed in`,
      tel: REDACTED,
      note: `call ${REDACTED}`,
    });
    expect(redact(error)).toMatchObject({ name: REDACTED, stack: expect.stringMatching(/^\[REDACTED\]: not allowed\n/) as unknown });
  });

  it('applies known values inside structures', () => {
    expect(redact({ msg: '𠮷田花子 已认证', list: ['𠮷田花子'] }, { knownValues: ['𠮷田花子'] })).toEqual({ msg: `${REDACTED} 已认证`, list: [REDACTED] });
  });
});

describe('redact: properties', () => {
  const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
  const idNumber = fc
    .tuple(fc.integer({ min: 1, max: 9 }), digits(5), fc.integer({ min: 1900, max: 2025 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), digits(3), fc.constantFrom(...'0123456789Xx'))
    .map(([a, region, y, m, d, seq, check]) => `${a}${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}${check}`);
  const oldIdNumber = fc
    .tuple(fc.integer({ min: 1, max: 9 }), digits(5), digits(2), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), digits(3))
    .map(([a, region, yy, m, d, seq]) => `${a}${region}${yy}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}`);
  const mobile = fc
    .tuple(fc.integer({ min: 3, max: 9 }), digits(1), digits(4), digits(4), fc.constantFrom('', '-', ' '), fc.constantFrom('', '+86', '+86 ', '86', '0086-'))
    .map(([second, third, a, b, sep, prefix]) => `${prefix}1${second}${third}${sep}${a}${sep}${b}`);
  const landline = fc
    .tuple(fc.constantFrom('010', '021', '0571', '0755'), fc.integer({ min: 2, max: 9 }), digits(6), fc.constantFrom('-', ' ', ''))
    .map(([area, first, rest, sep]) => `${area}${sep}${first}${rest}`);
  const secret = fc.oneof(idNumber, oldIdNumber, mobile, landline);
  // Anything but a letter or a digit may border the secret (inside a longer alphanumeric run it is not one).
  const border = fc.constantFrom(' ', '\n', '：', ':', '，', '(', ')', '"', '号', '=', '/', '[', '𠮷');
  const text = fc.string({ unit: 'binary', maxLength: 40 });

  it('never lets an embedded ID or phone number through a string', () => {
    fc.assert(
      fc.property(text, border, secret, border, text, (before, left, value, right, after) => {
        const out = redactString(`${before}${left}${value}${right}${after}`);
        expect(out).not.toContain(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('never lets one through a structure, under any key', () => {
    fc.assert(
      fc.property(fc.string(), secret, fc.jsonValue(), (key, value, other) => {
        const out = JSON.stringify(redact({ other, nested: [{ [key]: `x ${value} y` }], err: new Error(`failed: ${value}`) }));
        expect(out).not.toContain(value);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent and never throws on any value', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const once = redact(value);
        expect(redact(once)).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });
});
