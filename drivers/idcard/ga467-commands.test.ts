import { describe, expect, it } from 'vitest';
import {
  type Ga467CommandName,
  buildCommand,
  buildSetBaudRate,
  describeStatus,
  ga467Statuses,
  interpretStatus,
  parseReadReply,
  parseSamId,
} from './ga467-commands';
import { Ga467FrameDecoder, encodeResponseFrame, xorChecksum } from './ga467-frame';

const hex = (text: string): Uint8Array => Uint8Array.from(text.trim().split(/\s+/), (byte) => parseInt(byte, 16));
const bytes = (a: Uint8Array): number[] => Array.from(a);

// Verbatim from reference/idcard-ga467.md, "Commands (CMD Para) and full frames".
const referenceFrames: Record<Ga467CommandName, string> = {
  resetSam: 'AA AA AA 96 69 00 03 10 FF EC',
  samStatus: 'AA AA AA 96 69 00 03 11 FF ED',
  readSamId: 'AA AA AA 96 69 00 03 12 FF EE',
  findCard: 'AA AA AA 96 69 00 03 20 01 22',
  selectCard: 'AA AA AA 96 69 00 03 20 02 21',
  readBaseInfo: 'AA AA AA 96 69 00 03 30 01 32',
  readWithFingerprint: 'AA AA AA 96 69 00 03 30 10 23',
  readAppendedAddress: 'AA AA AA 96 69 00 03 30 03 30',
};

// Every SW3 the reference lists ("Status byte SW3"), copied from it.
const referenceStatuses = [0x90, 0x91, 0x9f, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x37, 0x3f, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81];

describe('command frames', () => {
  it.each(Object.entries(referenceFrames))('%s is the reference frame', (name, frame) => {
    expect(bytes(buildCommand(name as Ga467CommandName))).toEqual(bytes(hex(frame)));
  });

  it('baud rate commands 60 00..04 (checksums worked by hand: 03^60^para)', () => {
    expect(bytes(buildSetBaudRate(115200))).toEqual(bytes(hex('AA AA AA 96 69 00 03 60 00 63')));
    expect(bytes(buildSetBaudRate(57600))).toEqual(bytes(hex('AA AA AA 96 69 00 03 60 01 62')));
    expect(bytes(buildSetBaudRate(9600))).toEqual(bytes(hex('AA AA AA 96 69 00 03 60 04 67')));
  });
});

describe('status bytes', () => {
  it('the table holds exactly the statuses the reference lists', () => {
    expect(ga467Statuses.map((s) => s.sw3).sort((a, b) => a - b)).toEqual([...referenceStatuses].sort((a, b) => a - b));
  });

  it('maps each status to a meaning and a completion code', () => {
    expect(describeStatus(0x90)).toMatchObject({ name: 'ok', code: 'success' });
    expect(describeStatus(0x10)).toMatchObject({ name: 'hostChecksumError', code: 'invalidData', retry: 'resendFrame' });
    expect(describeStatus(0x21)).toMatchObject({ code: 'unsupported' });
    expect(describeStatus(0x41)).toMatchObject({ name: 'readFailed', code: 'userError', retry: 'restartSequence' });
    expect(describeStatus(0x60)).toMatchObject({ name: 'samSelfTestFailed', code: 'hardwareError' });
    expect(describeStatus(0x80)).toMatchObject({ name: 'findFailed', code: 'userError' });
    expect(describeStatus(0x55)).toMatchObject({ name: 'unknownStatus', code: 'hardwareError', meaning: 'unknown status 0x55' });
  });

  it('interprets a status against the command it answers', () => {
    expect(interpretStatus('findCard', 0x9f)).toMatchObject({ ok: true });
    expect(interpretStatus('selectCard', 0x90)).toMatchObject({ ok: true });
    expect(interpretStatus('findCard', 0x80)).toMatchObject({ ok: false, code: 'userError' });
    expect(interpretStatus('readAppendedAddress', 0x91)).toMatchObject({ ok: true, status: { name: 'noSuchItem' } });
    // An ok code the command does not expect is a confused reader, not a success.
    expect(interpretStatus('readBaseInfo', 0x9f)).toMatchObject({ ok: false, code: 'invalidData' });
    expect(interpretStatus('readBaseInfo', 0x91)).toMatchObject({ ok: false, code: 'invalidData' });
    expect(interpretStatus('readBaseInfo', 0x41)).toEqual({
      ok: false,
      status: describeStatus(0x41),
      code: 'userError',
      message: 'readBaseInfo: SAM status 0x41, read failed',
    });
  });
});

/** A 30 01 reply built on the reference's header bytes (see ga467-frame.test.ts), decoded as a driver would. */
function decodeReadReply(header: string, payload: Uint8Array) {
  const frame = new Uint8Array([...hex(header), ...payload, 0]);
  frame[frame.length - 1] = xorChecksum(frame, 5, frame.length - 1);
  const events = new Ga467FrameDecoder({ expect: 'response' }).push(frame);
  const event = events[0];
  if (events.length !== 1 || event?.type !== 'frame') throw new Error('fixture did not decode as one frame');
  return { frame, data: event.frame.data };
}

describe('read replies', () => {
  const text = Uint8Array.from({ length: 256 }, (_, i) => i);
  const photo = Uint8Array.from({ length: 1024 }, (_, i) => 255 - (i & 0xff));

  it('30 01: text at frame offsets 14–269 and photo at 270–1293, as the reference table says', () => {
    const { frame, data } = decodeReadReply('AA AA AA 96 69 05 08 00 00 90 01 00 04 00', new Uint8Array([...text, ...photo]));
    expect(frame.length).toBe(1295);
    const parsed = parseReadReply(data, false);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(bytes(parsed.value.text)).toEqual(bytes(frame.subarray(14, 270)));
    expect(bytes(parsed.value.photo)).toEqual(bytes(frame.subarray(270, 1294)));
    expect(parsed.value.fingerprint).toBeUndefined();
  });

  it.each([
    [0, '00 00'],
    [512, '02 00'],
    [1024, '04 00'],
  ])('30 10 with a %i-byte fingerprint: text starts at frame offset 16, fingerprint after the photo', (fpLen, fpHex) => {
    const fingerprint = Uint8Array.from({ length: fpLen }, (_, i) => (i * 13) & 0xff);
    const len = 3 + 6 + 256 + 1024 + fpLen + 1;
    const lenHex = `${(len >> 8).toString(16).padStart(2, '0')} ${(len & 0xff).toString(16).padStart(2, '0')}`;
    const { frame, data } = decodeReadReply(`AA AA AA 96 69 ${lenHex} 00 00 90 01 00 04 00 ${fpHex}`, new Uint8Array([...text, ...photo, ...fingerprint]));
    const parsed = parseReadReply(data, true);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(bytes(parsed.value.text)).toEqual(bytes(frame.subarray(16, 272)));
    expect(bytes(parsed.value.photo)).toEqual(bytes(frame.subarray(272, 1296)));
    if (fpLen === 0) expect(parsed.value.fingerprint).toBeUndefined();
    else expect(bytes(parsed.value.fingerprint ?? new Uint8Array())).toEqual(bytes(fingerprint));
  });

  it('refuses length fields that do not account for the reply', () => {
    const data = new Uint8Array([0x01, 0x00, 0x04, 0x00, ...text, ...photo.subarray(1)]);
    expect(parseReadReply(data, false)).toMatchObject({ ok: false, error: { code: 'invalidLength' } });
    expect(parseReadReply(new Uint8Array(3), false)).toMatchObject({ ok: false, error: { code: 'invalidLength' } });
    expect(parseReadReply(new Uint8Array(5), true)).toMatchObject({ ok: false, error: { code: 'invalidLength' } });
  });
});

describe('SAM ID', () => {
  it('is 16 bytes, given raw and as hex', () => {
    const id = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
    const reply = new Ga467FrameDecoder({ expect: 'response' }).push(encodeResponseFrame({ sw3: 0x90, data: id }));
    const event = reply[0];
    if (event?.type !== 'frame') throw new Error('no frame');
    const parsed = parseSamId(event.frame.data);
    expect(parsed).toEqual({ ok: true, value: { bytes: id, hex: '00112233445566778899AABBCCDDEEFF' } });
    expect(parseSamId(id.subarray(1))).toMatchObject({ ok: false, error: { code: 'invalidLength' } });
  });
});
