// A simulated ID card reader: the SAM end of a GA 467 line (reference/idcard-ga467.md). It answers command frames as
// the reference says — status bytes, the 1,295-byte 30 01 reply, 30 10 with the fingerprint length field, 30 03 with
// the appended address or 0x91, SAM status and ID — so the real driver runs against it over a pty or any byte port.
//
// Card behaviour (the reference's "Sequence"): find answers 0x9F for a card that has not been read since it was put
// down and 0x80 otherwise; select works after a find on the card still in the field; read works on a selected card
// and may be repeated while the card stays (a host whose reply was damaged asks again). Taking the card away, or
// presenting one, starts over.
import { encodeResponseFrame } from '../ga467-frame';
import { type HostFrame, HostFrameScanner } from './host-frame-scanner';
import { type SimulatedCard, type TestCardId, testCards } from './test-cards';

/** What the simulator needs of its end of the line; a `BytePort` and a `ReconnectingPort` both are one. */
export interface SimulatorPort {
  write(data: Uint8Array): Promise<void>;
  onData(listener: (chunk: Buffer) => void): () => void;
}

export const replyCorruptions = ['badChecksum', 'garbage', 'truncated'] as const;
export type ReplyCorruption = (typeof replyCorruptions)[number];
/** Which reply to damage: the next one whatever it answers, or the next card read (the 1,295-byte one). */
export const corruptionTargets = ['any', 'cardRead'] as const;
export type CorruptionTarget = (typeof corruptionTargets)[number];

export interface Ga467SimulatorOptions {
  /** 16 bytes; a fictional default. */
  samId?: Uint8Array;
  /**
   * Pace replies as a UART at this rate would deliver them (10 bits a byte). A pty delivers at once, so without this a
   * simulated read is faster than any real one.
   */
  wireBaudRate?: number;
}

// Status bytes from the reference's "Status byte SW3" list, written out here rather than taken from the driver's table.
const SW3 = {
  ok: 0x90,
  noSuchItem: 0x91,
  findOk: 0x9f,
  hostChecksumError: 0x10,
  hostLengthError: 0x11,
  badCommand: 0x21,
  readFailed: 0x41,
  samSelfTestFailed: 0x60,
  findFailed: 0x80,
  selectFailed: 0x81,
} as const;

/** (CMD << 8) | Para, from the reference's command table. */
const COMMAND = {
  resetSam: 0x10ff,
  samStatus: 0x11ff,
  readSamId: 0x12ff,
  findCard: 0x2001,
  selectCard: 0x2002,
  readText: 0x3001,
  readWithFingerprint: 0x3010,
  readAppendedAddress: 0x3003,
} as const;
/** `60 00..04`: set the UART rate (acknowledged; a pty has no rate to change). */
const SET_BAUD_CMD = 0x60;

export const DEFAULT_SAM_ID = Uint8Array.from([0x05, 0x01, 0x00, 0x00, 0x20, 0x24, 0x01, 0x15, 0x00, 0x00, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc]);

/** An address field as the card stores one: UTF-16LE, space padded to 70 bytes. */
const ADDRESS_BYTES = 70;

function utf16leSpacePadded(text: string, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += 2) out[i] = 0x20;
  for (let i = 0; i < text.length && 2 * i + 1 < bytes; i++) {
    const unit = text.charCodeAt(i);
    out[2 * i] = unit & 0xff;
    out[2 * i + 1] = unit >> 8;
  }
  return out;
}

function u16be(value: number): number[] {
  return [value >> 8, value & 0xff];
}

/** Stray bytes ahead of a reply: noise, a preamble with an impossible Len, and a false frame with a bad checksum. */
const GARBAGE = Uint8Array.from([
  0x00, 0x55, 0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff, 0x07, 0xaa, 0x96,
  0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, 0x90, 0x00,
]);

export class Ga467Simulator {
  readonly #port: SimulatorPort;
  readonly #samId: Uint8Array;
  readonly #wireBaudRate: number | undefined;
  #scanner = new HostFrameScanner();
  readonly #stopListening: () => void;
  #output: Promise<void> = Promise.resolve();

  #card: { id: string; card: SimulatedCard } | undefined;
  #found = false;
  #selected = false;
  #readDone = false;
  #samFault = false;
  #silent = false;
  #corruption: { kind: ReplyCorruption; target: CorruptionTarget } | undefined;
  #readsServed = 0;

  constructor(port: SimulatorPort, options: Ga467SimulatorOptions = {}) {
    this.#port = port;
    this.#samId = options.samId ?? DEFAULT_SAM_ID;
    if (this.#samId.length !== 16) throw new RangeError('a SAM ID is 16 bytes');
    this.#wireBaudRate = options.wireBaudRate;
    this.#stopListening = port.onData((chunk) => this.#receive(chunk));
  }

  /** The card on the reader, if any. */
  get presentedCard(): string | undefined {
    return this.#card?.id;
  }

  /** Card reads answered (30 01 / 30 10): lets a test see that the driver did not read a card twice. */
  get readsServed(): number {
    return this.#readsServed;
  }

  /** Puts a card on the reader; a card already there is taken away first. */
  present(card: TestCardId | SimulatedCard = 'resident'): void {
    this.#card = typeof card === 'string' ? { id: card, card: testCards[card] } : { id: 'custom', card };
    this.#found = this.#selected = this.#readDone = false;
  }

  remove(): void {
    this.#card = undefined;
    this.#found = this.#selected = this.#readDone = false;
  }

  /** The next reply (or the next card-read reply) goes out damaged, once. */
  corruptNextReply(kind: ReplyCorruption, target: CorruptionTarget = 'any'): void {
    this.#corruption = { kind, target };
  }

  /** The SAM fails its self-test: every command answers 0x60 until `resume`. */
  samFault(): void {
    this.#samFault = true;
  }

  /** Stops answering, like a reader switched off at the wall. */
  silent(): void {
    this.#silent = true;
  }

  /** Ends `samFault` and `silent`. */
  resume(): void {
    this.#samFault = false;
    this.#silent = false;
    this.#scanner = new HostFrameScanner();
  }

  /** Stops listening; the port belongs to the caller. */
  close(): void {
    this.#stopListening();
  }

  #receive(chunk: Uint8Array): void {
    if (this.#silent) return;
    for (const frame of this.#scanner.push(chunk)) {
      const readsBefore = this.#readsServed;
      const reply = this.#answer(frame);
      this.#send(reply, this.#readsServed > readsBefore);
    }
  }

  #answer(frame: HostFrame): Uint8Array {
    if (frame.kind === 'checksumError') return encodeResponseFrame({ sw3: SW3.hostChecksumError });
    if (frame.kind === 'lengthError') return encodeResponseFrame({ sw3: SW3.hostLengthError });
    if (this.#samFault) return encodeResponseFrame({ sw3: SW3.samSelfTestFailed });
    const status = (sw3: number, data?: Uint8Array): Uint8Array => encodeResponseFrame({ sw3, data });
    const key = (frame.cmd << 8) | frame.para;
    const known = (Object.values(COMMAND) as number[]).includes(key) || (frame.cmd === SET_BAUD_CMD && frame.para <= 0x04);
    if (!known) return status(SW3.badCommand);
    if (frame.data.length !== 0) return status(SW3.hostLengthError);
    const card = this.#card?.card;
    switch (key) {
      case COMMAND.resetSam:
        this.#found = this.#selected = this.#readDone = false;
        return status(SW3.ok);
      case COMMAND.samStatus:
        return status(SW3.ok);
      case COMMAND.readSamId:
        return status(SW3.ok, this.#samId);
      case COMMAND.findCard:
        if (!card || this.#readDone) return status(SW3.findFailed);
        this.#found = true;
        return status(SW3.findOk);
      case COMMAND.selectCard:
        if (!card || !this.#found) return status(SW3.selectFailed);
        this.#selected = true;
        return status(SW3.ok);
      case COMMAND.readText:
      case COMMAND.readWithFingerprint: {
        if (!card || !this.#selected) return status(SW3.readFailed);
        this.#readDone = true;
        this.#readsServed++;
        return status(SW3.ok, readReplyData(card, key === COMMAND.readWithFingerprint));
      }
      case COMMAND.readAppendedAddress:
        if (!card || !this.#selected) return status(SW3.readFailed);
        if (card.appendedAddress === undefined) return status(SW3.noSuchItem);
        return status(SW3.ok, utf16leSpacePadded(card.appendedAddress, ADDRESS_BYTES));
      default:
        return status(SW3.ok); // set baud rate
    }
  }

  #send(reply: Uint8Array, isCardRead: boolean): void {
    const corruption = this.#corruption?.target === 'any' || isCardRead ? this.#corruption?.kind : undefined;
    if (corruption) this.#corruption = undefined;
    let bytes = reply;
    if (corruption === 'badChecksum') {
      bytes = reply.slice();
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    } else if (corruption === 'garbage') {
      bytes = new Uint8Array([...GARBAGE, ...reply]);
    } else if (corruption === 'truncated') {
      bytes = reply.subarray(0, Math.ceil(reply.length / 2));
    }
    this.#output = this.#output.then(() => this.#transmit(bytes));
  }

  async #transmit(bytes: Uint8Array): Promise<void> {
    try {
      if (this.#wireBaudRate === undefined) return await this.#port.write(bytes);
      // Each chunk goes out when its last byte would have arrived over the UART.
      const chunk = 64;
      const started = performance.now();
      for (let at = 0; at < bytes.length; at += chunk) {
        const end = Math.min(at + chunk, bytes.length);
        const due = started + (end * 10 * 1000) / this.#wireBaudRate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        await this.#port.write(bytes.subarray(at, end));
      }
    } catch {
      // The line is gone (unplugged); a real reader's bytes would be lost too.
    }
  }
}

/**
 * The Data of a read reply, per the reference's "Read reply (30 01)" table: text length and photo length (big-endian),
 * for 30 10 also the fingerprint length, then text, photo and fingerprint.
 */
function readReplyData(card: SimulatedCard, withFingerprint: boolean): Uint8Array {
  const lengths = [...u16be(card.text.length), ...u16be(card.photo.length), ...(withFingerprint ? u16be(card.fingerprint.length) : [])];
  return new Uint8Array([...lengths, ...card.text, ...card.photo, ...(withFingerprint ? card.fingerprint : [])]);
}
