// The ID card reader driver: GA 467 over a (reconnecting) serial port, turned into the device model.
//
// - On connect it asks the SAM for its status and ID: an answer makes the device `online`, a SAM fault
//   `hardwareError`, silence `offline`; a vanished port is `powerOff`. It keeps asking until the reader is back.
// - While online it polls for a card (find, 20 01) and reports `media` present/notPresent.
// - "Same card still on the reader": after a read the SAM refuses find (0x80) until the card is taken away and
//   presented again (reference, "Sequence"). A refused find alone cannot tell "still there" from "gone", so for a card
//   that was read the driver also tries select (20 02): it works while that card is in the field and fails (0x81) once
//   it is gone. A card is read once per presentation; `read()` waits for the next one.
import {
  type Completion,
  type DeviceCapabilities,
  type DeviceState,
  type DeviceStatus,
  type FailureCode,
  type IdCardMedia,
  type IdCardType,
  failure,
  success,
} from '../../contracts/device-model';
import { type DeviceEventListener, type Device, DeviceStatusHolder } from '../common/device';
import type { PortState } from '../common/reconnecting-port';
import { runCommand } from '../common/run-command';
import { type Ga467CommandName, type Ga467Retry, interpretStatus, parseReadReply, parseSamId } from './ga467-commands';
import { Ga467Link, type Ga467LinkOptions, type Ga467Port } from './ga467-link';
import { type AppendedAddress, type IdCardText, decodeAppendedAddress, decodeIdCardText } from './id-card-text';
import type { DecodedPhoto, PhotoDecoder, WltPhoto } from './photo-decoder';

export interface IdCard {
  text: IdCardText;
  /** The chip photo as read, undecoded. */
  photo: WltPhoto;
  /** Only with a photo decoder plugged in, and only when it succeeded. */
  decodedPhoto?: DecodedPhoto;
  /** Only when fingerprint reading is configured and the card holds fingerprints (512 or 1024 bytes). */
  fingerprint?: Uint8Array;
  /** Only when appended-address reading is configured and the reader supports it. */
  appendedAddress?: AppendedAddress;
}

export interface SamInfo {
  /** The 16-byte SAM ID as upper-case hex. */
  samId: string;
}

/** What the driver knows of the card on the reader. */
export type CardPresence = 'unknown' | 'none' | 'unread' | 'alreadyRead';

/** A `ReconnectingPort`, or anything that behaves like one. */
export interface IdCardReaderPort extends Ga467Port {
  start(): Promise<PortState>;
  close(): Promise<void>;
}

export interface IdCardReaderOptions {
  id: string;
  port: IdCardReaderPort;
  /** How often the reader is asked for a card (and, when it is down, whether it is back). Default 300 ms. */
  pollIntervalMs?: number;
  /** Read with 30 10 (text, photo, fingerprint) instead of 30 01. Default false. */
  fingerprint?: boolean;
  /** Also read the newest appended address (30 03). Default true. */
  appendedAddress?: boolean;
  photoDecoder?: PhotoDecoder;
  link?: Ga467LinkOptions;
  /** How often find → select → read starts over after a status that asks for it. Default 2. */
  sequenceRetries?: number;
}

export interface CommandOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export const DEFAULT_READ_TIMEOUT_MS = 30_000;
export const DEFAULT_SAM_INFO_TIMEOUT_MS = 5_000;

const cardTypes: IdCardType[] = ['resident', 'hkMacaoTaiwan', 'foreignPermanent2017', 'foreignPermanent2023'];

type Health = 'unknown' | 'ok' | 'fault' | 'silent';
const deviceStateOf: Record<Health, DeviceState> = { unknown: 'offline', ok: 'online', fault: 'hardwareError', silent: 'offline' };
const mediaOf: Record<CardPresence, IdCardMedia> = { unknown: 'unknown', none: 'notPresent', unread: 'present', alreadyRead: 'present' };

type Failed = { ok: false; code: FailureCode; message: string; retry: Ga467Retry; status?: string };
type CommandResult = { ok: true; data: Uint8Array; status: string } | Failed;
type PresenceResult = { ok: true; presence: CardPresence } | Failed;

function failed(code: FailureCode, message: string): Failed {
  return { ok: false, code, message, retry: 'none' };
}

/** Resolves after `ms` (`Infinity`: never), when `until` settles, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal, until?: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    signal.addEventListener('abort', done, { once: true });
    void until?.then(done);
  });
}

export class IdCardReader implements Device<'idCardReader'> {
  readonly deviceClass = 'idCardReader' as const;
  readonly id: string;
  readonly capabilities: DeviceCapabilities<'idCardReader'>;
  readonly #port: IdCardReaderPort;
  readonly #link: Ga467Link;
  readonly #status: DeviceStatusHolder<'idCardReader'>;
  readonly #pollIntervalMs: number;
  readonly #fingerprint: boolean;
  readonly #appendedAddress: boolean;
  readonly #photoDecoder: PhotoDecoder | undefined;
  readonly #sequenceRetries: number;

  #health: Health = 'unknown';
  #card: CardPresence = 'unknown';
  #samId: string | undefined;
  #reading = false;
  #readTurn: Promise<void> = Promise.resolve();
  #closed = false;
  #ticking: Promise<void> | undefined;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #stopPortState: (() => void) | undefined;

  constructor(options: IdCardReaderOptions) {
    this.id = options.id;
    this.#port = options.port;
    this.#link = new Ga467Link(options.port, options.link);
    this.#pollIntervalMs = options.pollIntervalMs ?? 300;
    this.#fingerprint = options.fingerprint ?? false;
    this.#appendedAddress = options.appendedAddress ?? true;
    this.#photoDecoder = options.photoDecoder;
    this.#sequenceRetries = options.sequenceRetries ?? 2;
    this.capabilities = {
      cardTypes,
      fingerprint: this.#fingerprint,
      appendedAddress: this.#appendedAddress,
      photoDecoding: this.#photoDecoder !== undefined,
    };
    this.#status = new DeviceStatusHolder('idCardReader', this.id, { common: { device: 'offline' }, idCardReader: { media: 'unknown' } });
  }

  /** Opens the port and, if it opened, waits for the SAM's first answer (or its absence). Polling runs from here on. */
  async start(): Promise<void> {
    if (this.#stopPortState) return;
    this.#stopPortState = this.#port.onState((state) => this.#onPortState(state));
    await this.#port.start();
    this.#update();
    await this.#runTick();
  }

  status(): DeviceStatus<'idCardReader'> {
    return this.#status.current;
  }

  onEvent(listener: DeviceEventListener): () => void {
    return this.#status.onEvent(listener);
  }

  /** The SAM ID learnt on connect, as hex. */
  get samId(): string | undefined {
    return this.#samId;
  }

  /** Finer than `media`: whether the card on the reader has been read already (it must then be presented again). */
  get cardPresence(): CardPresence {
    return this.#card;
  }

  /**
   * Reads the next card presented: the card on the reader if it has not been read yet, otherwise the first one put
   * down within the timeout. A card read before and still lying there is not read again. Reads queue.
   */
  async read(options: CommandOptions = {}): Promise<Completion<IdCard>> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
    const completion = await runCommand((signal) => this.#read(signal), { timeoutMs, signal: options.signal, label: 'idcard.read' });
    if (completion.code !== 'timeOut') return completion;
    const why =
      this.#card === 'alreadyRead'
        ? 'the card on the reader was read already; it must be taken away and presented again'
        : 'no card was presented';
    return failure('timeOut', `idcard.read timed out after ${timeoutMs} ms: ${why}`);
  }

  /** Asks the SAM for its status and ID. Works in any state where the port is open (a diagnostic). */
  samInfo(options: CommandOptions = {}): Promise<Completion<SamInfo>> {
    return runCommand(
      async (signal): Promise<Completion<SamInfo>> => {
        if (this.#closed || this.#port.state.state !== 'connected') return failure('deviceNotReady', `idcard.samInfo: ${this.#port.description} is not connected`);
        const info = await this.#probeSam(signal);
        if (!info.ok) return failure(info.code, info.message);
        return info.samId === undefined ? failure('invalidData', 'idcard.samInfo: no usable SAM ID reply') : success({ samId: info.samId });
      },
      { timeoutMs: options.timeoutMs ?? DEFAULT_SAM_INFO_TIMEOUT_MS, signal: options.signal, label: 'idcard.samInfo' },
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#pollTimer);
    this.#stopPortState?.();
    await this.#port.close();
    await this.#ticking;
    this.#update();
  }

  // ---- polling ----

  #onPortState(state: PortState): void {
    this.#health = 'unknown';
    this.#card = 'unknown';
    this.#update();
    if (state.state === 'connected') void this.#runTick();
  }

  #runTick(): Promise<void> {
    if (this.#ticking) return this.#ticking;
    clearTimeout(this.#pollTimer);
    this.#ticking = this.#tick()
      // #tick does not throw; this only keeps a bug in it from ending polling for good.
      .catch(() => undefined)
      .finally(() => {
        this.#ticking = undefined;
        if (!this.#closed) this.#pollTimer = setTimeout(() => void this.#runTick(), this.#pollIntervalMs);
      });
    return this.#ticking;
  }

  async #tick(): Promise<void> {
    if (this.#closed || this.#port.state.state !== 'connected') return;
    if (this.#health !== 'ok') await this.#probeSam(undefined);
    // A read in progress checks for the card itself.
    else if (!this.#reading) await this.#checkPresence(undefined);
  }

  /** SAM status, then SAM ID. A SAM that answers its status is healthy, even if its ID reply was unusable. */
  async #probeSam(signal: AbortSignal | undefined): Promise<{ ok: true; samId?: string } | Failed> {
    const status = await this.#command('samStatus', signal);
    if (!status.ok) return status;
    const id = await this.#command('readSamId', signal);
    const parsed = id.ok ? parseSamId(id.data) : undefined;
    if (parsed?.ok) this.#samId = parsed.value.hex;
    if (this.#health !== 'ok') {
      this.#health = 'ok';
      this.#update();
    }
    return parsed?.ok ? { ok: true, samId: parsed.value.hex } : { ok: true };
  }

  async #checkPresence(signal: AbortSignal | undefined): Promise<PresenceResult> {
    const find = await this.#command('findCard', signal);
    if (find.ok) return this.#setCard('unread');
    if (find.status !== 'findFailed') return find;
    if (this.#card === 'alreadyRead' || this.#card === 'unknown') {
      const select = await this.#command('selectCard', signal);
      if (select.ok) return this.#setCard('alreadyRead');
      if (select.status !== 'selectFailed') return select;
    }
    return this.#setCard('none');
  }

  // ---- reading ----

  async #read(signal: AbortSignal): Promise<Completion<IdCard>> {
    // Reads queue: one that is given up on is still letting go of the line when the next may already start.
    const previous = this.#readTurn;
    let release = (): void => {};
    this.#readTurn = new Promise((resolve) => (release = resolve));
    try {
      await pause(Infinity, signal, previous);
      if (signal.aborted) return failure('canceled', 'idcard.read canceled');
      this.#reading = true;
      for (;;) {
        const notReady = this.#notReady();
        if (notReady) return notReady;
        const presence = await this.#checkPresence(signal);
        if (signal.aborted) return failure('canceled', 'idcard.read canceled');
        if (presence.ok && presence.presence === 'unread') return await this.#readCard(signal);
        // Anything else but a dead or faulty reader (checked above) is worth another look at the next poll.
        await pause(this.#pollIntervalMs, signal);
      }
    } finally {
      this.#reading = false;
      release();
    }
  }

  #notReady(): Completion<never> | undefined {
    if (this.#closed) return failure('deviceNotReady', 'idcard.read: the reader is closed');
    if (this.#port.state.state !== 'connected') return failure('deviceNotReady', `idcard.read: ${this.#port.description} is not connected`);
    if (this.#health === 'fault') return failure('hardwareError', 'idcard.read: the SAM reports a fault');
    if (this.#health !== 'ok') return failure('deviceNotReady', 'idcard.read: the reader does not answer');
    return undefined;
  }

  /** select → read (→ appended address) on a card that find has just found. */
  async #readCard(signal: AbortSignal): Promise<Completion<IdCard>> {
    const readCommand: Ga467CommandName = this.#fingerprint ? 'readWithFingerprint' : 'readBaseInfo';
    let from: 'find' | 'select' | 'read' = 'select';
    let last: Completion<IdCard> = failure('hardwareError', 'idcard.read: no attempt made');
    for (let attempt = 0; attempt <= this.#sequenceRetries; attempt++) {
      if (from === 'find') {
        const find = await this.#command('findCard', signal);
        if (!find.ok) {
          if (find.status !== 'findFailed') return failure(find.code, find.message);
          this.#setCard('none');
          return failure('userError', 'idcard.read: the card was taken away during the read');
        }
      }
      if (from !== 'read') {
        const select = await this.#command('selectCard', signal);
        if (!select.ok) {
          last = failure(select.code, select.message);
          if (select.retry !== 'restartSequence') return last;
          from = 'find';
          continue;
        }
      }
      const reply = await this.#command(readCommand, signal);
      if (!reply.ok) {
        last = failure(reply.code, reply.message);
        if (reply.retry !== 'restartSequence') return last;
        from = 'find';
        continue;
      }
      // The SAM has read the card: find fails from now on until it is presented again.
      this.#setCard('alreadyRead');
      const card = this.#decodeCard(reply.data);
      if (!card.ok) {
        // Checked frame, unusable content (a one-byte XOR misses one corruption in 256): ask for the same reply again.
        last = failure('invalidData', card.message);
        from = 'read';
        continue;
      }
      return this.#complete(card.value, signal);
    }
    return last;
  }

  #decodeCard(data: Uint8Array): { ok: true; value: IdCard } | { ok: false; message: string } {
    const blocks = parseReadReply(data, this.#fingerprint);
    if (!blocks.ok) return { ok: false, message: `idcard.read: ${blocks.error.message}` };
    const text = decodeIdCardText(blocks.value.text);
    if (!text.ok) return { ok: false, message: `idcard.read: card text: ${text.error.message}` };
    const card: IdCard = { text: text.value, photo: { format: 'wlt', bytes: blocks.value.photo } };
    if (blocks.value.fingerprint) card.fingerprint = blocks.value.fingerprint;
    return { ok: true, value: card };
  }

  async #complete(card: IdCard, signal: AbortSignal): Promise<Completion<IdCard>> {
    if (this.#appendedAddress) {
      const address = await this.#readAppendedAddress(signal);
      if (address.code !== 'success') return address;
      if (address.value) card.appendedAddress = address.value;
    }
    if (this.#photoDecoder) {
      // A plug-in that fails (or breaks its promise not to throw) costs the photo, not the card.
      const decoded = await this.#photoDecoder.decode(card.photo, signal).catch(() => undefined);
      if (decoded?.code === 'success') card.decodedPhoto = decoded.value;
    }
    return success(card);
  }

  /** `undefined` when the reader does not know 30 03. */
  async #readAppendedAddress(signal: AbortSignal): Promise<Completion<AppendedAddress | undefined>> {
    for (let attempt = 0; ; attempt++) {
      const reply = await this.#command('readAppendedAddress', signal);
      if (reply.ok) {
        if (reply.status === 'noSuchItem') return success({ kind: 'none' });
        const decoded = decodeAppendedAddress(reply.data);
        return decoded.ok ? success(decoded.value) : failure('invalidData', `idcard.read: appended address: ${decoded.error.message}`);
      }
      if (reply.code === 'unsupported') return success(undefined);
      if (reply.retry === 'none' || attempt >= this.#sequenceRetries) return failure(reply.code, reply.message);
    }
  }

  // ---- one command ----

  /** Sends a command and judges its status; updates the device's health as the answer (or silence) shows it. */
  async #command(name: Ga467CommandName, signal: AbortSignal | undefined): Promise<CommandResult> {
    const result = await this.#link.exchange(name, signal);
    switch (result.kind) {
      case 'aborted':
        return failed('canceled', `${name} canceled`);
      case 'disconnected':
        return failed('deviceNotReady', result.message);
      case 'noReply':
        if (result.silent) this.#setHealth('silent');
        return failed(result.silent ? 'deviceNotReady' : 'invalidData', result.message);
      case 'reply': {
        const outcome = interpretStatus(name, result.sw3);
        if (outcome.ok) return { ok: true, data: result.data, status: outcome.status.name };
        // A SAM that fails its self-test or lost its authorisation stays broken until staff act (or it recovers).
        if (outcome.code === 'hardwareError' && outcome.status.retry === 'none') this.#setHealth('fault');
        return { ok: false, code: outcome.code, message: outcome.message, retry: outcome.status.retry, status: outcome.status.name };
      }
    }
  }

  #setHealth(health: Health): void {
    if (health === this.#health) return;
    this.#health = health;
    // Whatever lay on the reader while it was not answering is no longer known.
    if (health !== 'ok') this.#card = 'unknown';
    this.#update();
  }

  #setCard(presence: CardPresence): PresenceResult {
    this.#card = presence;
    this.#update();
    return { ok: true, presence };
  }

  #update(): void {
    const device: DeviceState = this.#closed ? 'offline' : this.#port.state.state !== 'connected' ? 'powerOff' : deviceStateOf[this.#health];
    const media: IdCardMedia = device === 'online' ? mediaOf[this.#card] : 'unknown';
    this.#status.set({ common: { device }, idCardReader: { media } });
  }
}
