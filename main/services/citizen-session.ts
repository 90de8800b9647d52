// One citizen's session on the Node side: the card read, the scanned pages (files in the session's own folder) and
// the operations under way. The screen holds only the session id and masked summaries.
//
// end() is the wipe (design.md, "Non-negotiables"): it stops waits in progress (a card read, a scan), lets a submit
// that is being stored finish (the citizen may already be leaving; what is accepted must not be half-done), then
// drops the card, zeroes its binary parts and deletes the session's folder.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { IdCard } from '../../drivers/idcard/id-card-reader';
import type { FaceCheck, QrIdentityRecord } from './session-identity';

export interface SessionPage {
  pageId: string;
  path: string;
  bytes: number;
  sha256: string;
  mediaType: string;
  /** Which of the item's materials the page is, when the screen said so. */
  materialCode?: string;
}

/** A transaction this session submitted: what its receipt and certificate may print, nothing more personal. */
export interface SubmittedTransaction {
  transactionId: string;
  itemCode: string;
  /** The applicant's name masked for paper (contracts/masked-name.ts); absent when the identity had no name. */
  maskedName?: string;
  /** When the outbox accepted it (ms since the epoch). */
  acceptedAt: number;
}

/** A prefilled form value: a card's string, or what shared data holds (text, number, yes/no). */
export type PrefilledValue = string | number | boolean;

/** Operations a session runs one at a time each: a second card wait or submit while one is running is refused. */
export type ExclusiveOperation = 'readCard' | 'submit' | 'compareFace' | 'readQr';
/** The waits for the citizen at a device, which the screen can cancel when the citizen leaves that step. */
export type DeviceWait = Extract<ExclusiveOperation, 'readCard' | 'readQr'>;

export class CitizenSession {
  readonly id = randomUUID();
  readonly startedAt: number;
  /** The session's folder for scanned pages; made on first scan, deleted by end(). */
  readonly dir: string;
  readonly #abort = new AbortController();
  readonly #pages = new Map<string, SessionPage>();
  readonly #operations = new Set<Promise<unknown>>();
  readonly #exclusive = new Set<ExclusiveOperation>();
  readonly #waits = new Map<DeviceWait, { cancel: AbortController; running: Promise<unknown> }>();
  /** Only these may be printed in this session: a receipt is for the citizen who submitted. */
  readonly #submitted = new Map<string, SubmittedTransaction>();
  readonly #now: () => number;
  readonly #onPersonalDataChange: () => void;
  #card: IdCard | undefined;
  #qrIdentity: QrIdentityRecord | undefined;
  /** Of the current card: a new card starts without one. */
  #faceCheck: FaceCheck | undefined;
  /** Definite face answers (match or no match) in this session, whatever the card: the attempts limit counts them. */
  #faceAttempts = 0;
  /** Form values `form.prefill` found (card, shared data), by field name: filled in at submit (`fromSession`). */
  readonly #prefilled = new Map<string, PrefilledValue>();
  #nextPage = 1;
  #lastUsedAt: number;
  #ended = false;

  constructor(options: { parentDir: string; now: () => number; onPersonalDataChange: () => void }) {
    this.#now = options.now;
    this.#onPersonalDataChange = options.onPersonalDataChange;
    this.startedAt = options.now();
    this.#lastUsedAt = this.startedAt;
    this.dir = path.join(options.parentDir, this.id);
  }

  /** Aborted when the session ends: device waits listen to it. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  get ended(): boolean {
    return this.#ended;
  }

  get lastUsedAt(): number {
    return this.#lastUsedAt;
  }

  /** Something is running (a card wait, a scan, a submit): the session is in use however long ago it started. */
  get busy(): boolean {
    return this.#operations.size > 0;
  }

  touch(): void {
    this.#lastUsedAt = this.#now();
  }

  /** Runs an operation of this session; end() waits for the ones running. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.touch();
    const running = work();
    this.#operations.add(running);
    try {
      return await running;
    } finally {
      this.#operations.delete(running);
      this.touch();
    }
  }

  /** Like track(), but refused (`ok: false`) while another operation of the same kind runs in this session. */
  async exclusive<T>(kind: ExclusiveOperation, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    if (this.#exclusive.has(kind)) return { ok: false };
    this.#exclusive.add(kind);
    try {
      return { ok: true, value: await this.track(work) };
    } finally {
      this.#exclusive.delete(kind);
    }
  }

  /**
   * Like exclusive(), for a wait at a device: `work` gets a signal that aborts when the session ends or
   * cancelWait(kind) is called. A wait started while a canceled one is still settling waits for it instead of being
   * refused: the citizen who went back and tries again is not told "busy".
   */
  async wait<T>(kind: DeviceWait, work: (signal: AbortSignal) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    const earlier = this.#waits.get(kind);
    if (earlier?.cancel.signal.aborted) await earlier.running.catch(() => undefined);
    if (this.#exclusive.has(kind)) return { ok: false };
    const cancel = new AbortController();
    const signal = AbortSignal.any([this.#abort.signal, cancel.signal]);
    const entry = { cancel, running: this.exclusive(kind, () => work(signal)) };
    this.#waits.set(kind, entry);
    try {
      return await entry.running;
    } finally {
      if (this.#waits.get(kind) === entry) this.#waits.delete(kind);
    }
  }

  /** Stops the wait of this kind, if one is running; it answers as canceled. */
  cancelWait(kind: DeviceWait): boolean {
    const running = this.#waits.get(kind);
    if (!running || running.cancel.signal.aborted) return false;
    running.cancel.abort();
    return true;
  }

  get card(): IdCard | undefined {
    return this.#card;
  }

  /** Keeps a card read in this session (replacing an earlier one); ignored once the session has ended. */
  setCard(card: IdCard): void {
    if (this.#ended) {
      wipeCard(card);
      return;
    }
    if (this.#card) wipeCard(this.#card);
    this.#card = card;
    this.#faceCheck = undefined;
    this.#onPersonalDataChange();
  }

  get qrIdentity(): QrIdentityRecord | undefined {
    return this.#qrIdentity;
  }

  /** Keeps the person a network ID / app QR code proved (replacing an earlier one); ignored once the session has ended. */
  setQrIdentity(person: QrIdentityRecord): void {
    if (this.#ended) return;
    this.#qrIdentity = person;
    this.#onPersonalDataChange();
  }

  get faceCheck(): FaceCheck | undefined {
    return this.#faceCheck;
  }

  get faceAttempts(): number {
    return this.#faceAttempts;
  }

  /** Records a comparison's answer for the current card: it counts as an attempt and replaces the last answer. */
  recordFaceCheck(outcome: FaceCheck): void {
    if (this.#ended) return;
    this.#faceAttempts++;
    this.#faceCheck = outcome;
  }

  /** Keeps values `form.prefill` found; ignored once the session has ended. */
  setPrefilled(values: ReadonlyMap<string, PrefilledValue>): void {
    if (this.#ended) return;
    for (const [name, value] of values) this.#prefilled.set(name, value);
  }

  prefilled(name: string): PrefilledValue | undefined {
    return this.#prefilled.get(name);
  }

  rememberSubmitted(transaction: SubmittedTransaction): void {
    if (!this.#ended) this.#submitted.set(transaction.transactionId, transaction);
  }

  submitted(transactionId: string): SubmittedTransaction | undefined {
    return this.#submitted.get(transactionId);
  }

  /** Records a scanned page file under the next page id. */
  addPage(page: Omit<SessionPage, 'pageId'>): SessionPage {
    const stored: SessionPage = { pageId: `p${this.#nextPage++}`, ...page };
    this.#pages.set(stored.pageId, stored);
    return stored;
  }

  /** In scanning order. */
  get pages(): SessionPage[] {
    return [...this.#pages.values()];
  }

  get pageCount(): number {
    return this.#pages.size;
  }

  /** Forgets the pages and deletes their files. */
  async removePages(pageIds: readonly string[]): Promise<SessionPage[]> {
    const removed: SessionPage[] = [];
    for (const pageId of pageIds) {
      const page = this.#pages.get(pageId);
      if (!page) continue;
      this.#pages.delete(pageId);
      removed.push(page);
      await rm(page.path, { force: true });
    }
    return removed;
  }

  /** The wipe; safe to call more than once (later calls wait for nothing and find nothing). */
  async end(): Promise<void> {
    this.#ended = true;
    this.#abort.abort();
    // Operations notice the abort and settle; a submit being stored finishes first (it reads the page files).
    await Promise.allSettled([...this.#operations]);
    if (this.#card) {
      wipeCard(this.#card);
      this.#card = undefined;
      this.#onPersonalDataChange();
    }
    this.#faceCheck = undefined;
    if (this.#qrIdentity) {
      this.#qrIdentity = undefined;
      this.#onPersonalDataChange();
    }
    this.#pages.clear();
    this.#submitted.clear();
    this.#prefilled.clear();
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Zeroes the card's binary parts; its strings cannot be wiped in JavaScript, only dropped. */
function wipeCard(card: IdCard): void {
  card.photo.bytes.fill(0);
  card.fingerprint?.fill(0);
  card.decodedPhoto?.bytes.fill(0);
}
