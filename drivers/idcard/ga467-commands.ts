// GA 467 commands (reference/idcard-ga467.md, "Commands" and "Status byte SW3"): frame builders, what each status
// byte means and which device-model completion it ends a command with, and the splitting of reply payloads.
import type { CompletionCode } from '../../contracts/device-model';
import { encodeCommandFrame } from './ga467-frame';

export const ga467Commands = {
  resetSam: { cmd: 0x10, para: 0xff },
  samStatus: { cmd: 0x11, para: 0xff },
  readSamId: { cmd: 0x12, para: 0xff },
  findCard: { cmd: 0x20, para: 0x01 },
  selectCard: { cmd: 0x20, para: 0x02 },
  /** Text + photo. */
  readBaseInfo: { cmd: 0x30, para: 0x01 },
  /** Text + photo + fingerprint. */
  readWithFingerprint: { cmd: 0x30, para: 0x10 },
  readAppendedAddress: { cmd: 0x30, para: 0x03 },
} as const satisfies Record<string, { cmd: number; para: number }>;

export type Ga467CommandName = keyof typeof ga467Commands;

export function buildCommand(name: Ga467CommandName): Uint8Array {
  const { cmd, para } = ga467Commands[name];
  return encodeCommandFrame(cmd, para);
}

/** `60 00..04`: the SAM switches its UART to this rate. */
export const ga467BaudRates = { 115200: 0x00, 57600: 0x01, 38400: 0x02, 19200: 0x03, 9600: 0x04 } as const;
export type Ga467BaudRate = keyof typeof ga467BaudRates;

export function buildSetBaudRate(baud: Ga467BaudRate): Uint8Array {
  return encodeCommandFrame(0x60, ga467BaudRates[baud]);
}

/** What to do after a failure: send the same frame again, start over at find card, or stop. */
export type Ga467Retry = 'resendFrame' | 'restartSequence' | 'none';

export interface Ga467Status {
  sw3: number;
  name: string;
  meaning: string;
  /** The completion a command ends with when it gets this status (where the command expects it, for the ok codes). */
  code: CompletionCode;
  retry: Ga467Retry;
}

function status(sw3: number, name: string, meaning: string, code: CompletionCode, retry: Ga467Retry): Ga467Status {
  return { sw3, name, meaning, code, retry };
}

// Host-frame faults are invalidData (our frame arrived damaged: send it again); card-side integrity faults are
// invalidData too (counterfeit, damaged or moved card); presence and placement faults are userError (the citizen must
// present the card again); SAM faults are hardwareError (staff must act).
const statusTable: readonly Ga467Status[] = [
  status(0x90, 'ok', 'operation succeeded', 'success', 'none'),
  status(0x91, 'noSuchItem', 'no such item (e.g. no appended address)', 'success', 'none'),
  status(0x9f, 'findOk', 'card found', 'success', 'none'),
  status(0x10, 'hostChecksumError', 'host frame checksum error', 'invalidData', 'resendFrame'),
  status(0x11, 'hostLengthError', 'host frame length error', 'invalidData', 'resendFrame'),
  status(0x21, 'badCommand', 'bad command or parameter', 'unsupported', 'none'),
  status(0x23, 'unauthorised', 'operation not authorised', 'unsupported', 'none'),
  status(0x24, 'unknownError', 'unknown error', 'hardwareError', 'restartSequence'),
  status(0x31, 'cardAuthFailed', 'card failed to authenticate the SAM', 'invalidData', 'restartSequence'),
  status(0x32, 'samAuthFailed', 'SAM failed to authenticate the card', 'invalidData', 'restartSequence'),
  status(0x33, 'verificationError', 'verification error', 'invalidData', 'restartSequence'),
  status(0x37, 'fingerprintVerificationError', 'fingerprint verification error', 'invalidData', 'restartSequence'),
  status(0x3f, 'infoLengthError', 'information length error', 'invalidData', 'restartSequence'),
  status(0x40, 'unrecognisedCard', 'unrecognised card type', 'userError', 'none'),
  status(0x41, 'readFailed', 'read failed', 'userError', 'restartSequence'),
  status(0x47, 'randomFailed', 'get-random failed', 'userError', 'restartSequence'),
  status(0x60, 'samSelfTestFailed', 'SAM self-test failed', 'hardwareError', 'none'),
  status(0x66, 'samNotAuthorised', 'SAM not authorised', 'hardwareError', 'none'),
  status(0x80, 'findFailed', 'find failed (no card)', 'userError', 'none'),
  status(0x81, 'selectFailed', 'select failed', 'userError', 'restartSequence'),
];

const statusBySw3 = new Map(statusTable.map((entry) => [entry.sw3, entry]));

export const ga467Statuses: readonly Ga467Status[] = statusTable;

export function describeStatus(sw3: number): Ga467Status {
  const hex = `0x${sw3.toString(16).padStart(2, '0').toUpperCase()}`;
  return statusBySw3.get(sw3) ?? status(sw3, 'unknownStatus', `unknown status ${hex}`, 'hardwareError', 'none');
}

/** The SW3 values that mean success for each command; anything else ends it as describeStatus says. */
const expectedOk: Record<Ga467CommandName, readonly number[]> = {
  resetSam: [0x90],
  samStatus: [0x90],
  readSamId: [0x90],
  findCard: [0x9f],
  selectCard: [0x90],
  readBaseInfo: [0x90],
  readWithFingerprint: [0x90],
  readAppendedAddress: [0x90, 0x91],
};

export type StatusOutcome = { ok: true; status: Ga467Status } | { ok: false; status: Ga467Status; code: Exclude<CompletionCode, 'success'>; message: string };

/** Whether `sw3` completes `command` successfully, and if not, with which code and message. */
export function interpretStatus(command: Ga467CommandName, sw3: number): StatusOutcome {
  const described = describeStatus(sw3);
  if (expectedOk[command].includes(sw3)) return { ok: true, status: described };
  const code = described.code === 'success' ? 'invalidData' : described.code;
  const hex = `0x${sw3.toString(16).padStart(2, '0').toUpperCase()}`;
  return { ok: false, status: described, code, message: `${command}: SAM status ${hex}, ${described.meaning}` };
}

// ---- Reply payloads (the Data after SW3) ----

export type ReplyError = { code: 'invalidLength'; message: string };
export type ReplyResult<T> = { ok: true; value: T } | { ok: false; error: ReplyError };

export interface CardReadBlocks {
  /** The text block (256 bytes on every card type the reference lists), UTF-16LE. */
  text: Uint8Array;
  /** The encrypted WLT photo (1024 bytes). */
  photo: Uint8Array;
  /** Present only for 30 10 with a non-zero fingerprint length. */
  fingerprint?: Uint8Array;
}

function invalidLength<T>(message: string): ReplyResult<T> {
  return { ok: false, error: { code: 'invalidLength', message } };
}

/**
 * Splits the Data of a read reply by its length fields (30 01: text, photo; 30 10: text, photo, fingerprint), which
 * the reference says to trust over fixed offsets. The lengths must account for every byte.
 */
export function parseReadReply(data: Uint8Array, withFingerprint: boolean): ReplyResult<CardReadBlocks> {
  const fieldBytes = withFingerprint ? 6 : 4;
  if (data.length < fieldBytes) return invalidLength(`read reply of ${data.length} bytes has no length fields`);
  const u16 = (offset: number): number => ((data[offset] ?? 0) << 8) | (data[offset + 1] ?? 0);
  const textLen = u16(0);
  const photoLen = u16(2);
  const fingerprintLen = withFingerprint ? u16(4) : 0;
  const expected = fieldBytes + textLen + photoLen + fingerprintLen;
  if (expected !== data.length) {
    return invalidLength(`read reply lengths add up to ${expected} bytes, the reply holds ${data.length}`);
  }
  const textStart = fieldBytes;
  const photoStart = textStart + textLen;
  const fingerprintStart = photoStart + photoLen;
  const blocks: CardReadBlocks = {
    text: data.slice(textStart, photoStart),
    photo: data.slice(photoStart, fingerprintStart),
  };
  if (fingerprintLen > 0) blocks.fingerprint = data.slice(fingerprintStart, fingerprintStart + fingerprintLen);
  return { ok: true, value: blocks };
}

export const SAM_ID_BYTES = 16;

/** The SAM ID reply: 16 bytes, returned raw and as upper-case hex (the reference gives no finer layout). */
export function parseSamId(data: Uint8Array): ReplyResult<{ bytes: Uint8Array; hex: string }> {
  if (data.length !== SAM_ID_BYTES) return invalidLength(`SAM ID reply holds ${data.length} bytes, expected ${SAM_ID_BYTES}`);
  const hex = Array.from(data, (byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join('');
  return { ok: true, value: { bytes: data.slice(), hex } };
}
