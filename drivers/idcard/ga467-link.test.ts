// The link's resend and resynchronisation rules against a scripted device on an in-process line (fast and exact; the
// pty tests in id-card-reader.test.ts cover the same paths through the real serial stack).
import { afterEach, describe, expect, it } from 'vitest';
import { ReconnectingPort } from '../common/reconnecting-port';
import { Ga467Link, type Ga467LinkOptions } from './ga467-link';
import { HostFrameScanner } from './simulator/host-frame-scanner';
import { createMemoryPortPair } from './simulator/memory-port-pair';

const hex = (text: string): Uint8Array => Uint8Array.from(text.trim().split(/\s+/), (byte) => parseInt(byte, 16));
/** Bare status replies, checksums by hand (04 ^ SW3). */
const OK = hex('AA AA AA 96 69 00 04 00 00 90 94');
const FIND_OK = hex('AA AA AA 96 69 00 04 00 00 9F 9B');
const HOST_CHECKSUM_ERROR = hex('AA AA AA 96 69 00 04 00 00 10 14');
const BAD_CHECKSUM = hex('AA AA AA 96 69 00 04 00 00 90 00');

type Script = (command: number, count: number) => { reply?: Uint8Array; delayMs?: number };

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function rig(script: Script, options: Ga467LinkOptions = {}) {
  const pair = createMemoryPortPair();
  const port = new ReconnectingPort({ kind: 'serial', path: '/dev/memory', baudRate: 115_200 }, { open: async () => pair.driverEnd });
  await port.start();
  const scanner = new HostFrameScanner();
  const received: number[] = [];
  pair.deviceEnd.onData((chunk) => {
    for (const frame of scanner.push(chunk)) {
      if (frame.kind !== 'command') continue;
      const command = (frame.cmd << 8) | frame.para;
      received.push(command);
      const { reply, delayMs = 0 } = script(command, received.filter((c) => c === command).length);
      if (reply) setTimeout(() => pair.deviceEnd.write(reply).catch(() => {}), delayMs);
    }
  });
  const link = new Ga467Link(port, { replyTimeoutsMs: { findCard: 50, samStatus: 50 }, quietMs: 20, ...options });
  cleanup = () => port.close();
  return { link, received, port };
}

const FIND = 0x2001;
const SAM_STATUS = 0x11ff;

describe('GA 467 link', () => {
  it('returns the reply to a command', async () => {
    const { link, received } = await rig(() => ({ reply: FIND_OK }));
    expect(await link.exchange('findCard')).toEqual({ kind: 'reply', sw3: 0x9f, data: new Uint8Array(0) });
    expect(received).toEqual([FIND]);
  });

  it('resends after a lost reply', async () => {
    const { link, received } = await rig((_, count) => (count === 1 ? {} : { reply: FIND_OK }));
    expect(await link.exchange('findCard')).toMatchObject({ kind: 'reply', sw3: 0x9f });
    expect(received).toEqual([FIND, FIND]);
  });

  it('resends after a damaged reply once the line is quiet, without waiting for the timeout', async () => {
    const { link, received } = await rig((_, count) => ({ reply: count === 1 ? BAD_CHECKSUM : FIND_OK }), {
      replyTimeoutsMs: { findCard: 10_000 },
    });
    expect(await link.exchange('findCard')).toMatchObject({ kind: 'reply', sw3: 0x9f });
    expect(received).toEqual([FIND, FIND]);
  });

  it('resends when the SAM got our frame damaged (0x10), a bounded number of times', async () => {
    const { link, received } = await rig(() => ({ reply: HOST_CHECKSUM_ERROR }), { retries: 2 });
    expect(await link.exchange('findCard')).toMatchObject({ kind: 'reply', sw3: 0x10 });
    expect(received).toEqual([FIND, FIND, FIND]);
  });

  it('gives up after the retries: silent when nothing came back, not silent when only damage did', async () => {
    const quiet = await rig(() => ({}), { retries: 1 });
    expect(await quiet.link.exchange('findCard')).toEqual({ kind: 'noReply', silent: true, message: 'findCard: no reply within 50 ms, 2 tries' });
    expect(quiet.received).toEqual([FIND, FIND]);
    await cleanup?.();
    const noisy = await rig(() => ({ reply: BAD_CHECKSUM }), { retries: 1 });
    expect(await noisy.link.exchange('findCard')).toEqual({ kind: 'noReply', silent: false, message: 'findCard: no intact reply after 2 tries' });
  });

  it('waits for the line to fall quiet after a timeout, so a late reply is not taken for the next one', async () => {
    // The status answer comes 100 ms after its 100 ms timeout, the find answer 150 ms after the find. Sent at once,
    // the find would take the late status answer (a bare 0x90 could answer a find); the link waits for 200 ms of quiet.
    const { link, received } = await rig((command) => (command === FIND ? { reply: FIND_OK, delayMs: 150 } : { reply: OK, delayMs: 200 }), {
      retries: 0,
      quietMs: 200,
      replyTimeoutsMs: { samStatus: 100, findCard: 5_000 },
    });
    expect(await link.exchange('samStatus')).toMatchObject({ kind: 'noReply', silent: true });
    expect(await link.exchange('findCard')).toMatchObject({ kind: 'reply', sw3: 0x9f });
    expect(received).toEqual([SAM_STATUS, FIND]);
  });

  it('ignores a reply that cannot answer the command sent (a late 0x9F, data where none belongs)', async () => {
    const { link } = await rig((command) => (command === FIND ? { reply: FIND_OK, delayMs: 150 } : { reply: OK, delayMs: 120 }), {
      retries: 0,
      replyTimeoutsMs: { findCard: 50, samStatus: 200 },
    });
    expect(await link.exchange('findCard')).toMatchObject({ kind: 'noReply' });
    // The late 0x9F arrives while the status command waits, after the quiet period that preceded it.
    expect(await link.exchange('samStatus')).toMatchObject({ kind: 'reply', sw3: 0x90 });
  });

  it('reports a port that is not connected, and aborts a queued exchange at once', async () => {
    const { link, port } = await rig(() => ({ reply: OK, delayMs: 30 }));
    const first = link.exchange('samStatus');
    const controller = new AbortController();
    const queued = link.exchange('samStatus', controller.signal);
    controller.abort();
    expect(await queued).toEqual({ kind: 'aborted' });
    expect(await first).toMatchObject({ kind: 'reply', sw3: 0x90 });
    await port.close();
    expect(await link.exchange('samStatus')).toMatchObject({ kind: 'disconnected' });
  });
});
