// The simulator answers the reference's command frames with the reference's reply layout. Every frame sent and every
// header expected is written out by hand from reference/idcard-ga467.md (checksums worked out as CHK = XOR of Len1 …
// last data byte), never produced by the code under test.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulationHub } from '../../simulation/simulator-control';
import { DEFAULT_SAM_ID, Ga467Simulator } from './ga467-simulator';
import { HostFrameScanner } from './host-frame-scanner';
import { createMemoryPortPair } from './memory-port-pair';
import { idCardSimulatorControl } from './simulator-control';
import { testCards } from './test-cards';

const hex = (text: string): number[] => text.trim().split(/\s+/).map((byte) => parseInt(byte, 16));
const xor = (bytes: number[]): number => bytes.reduce((a, b) => a ^ b, 0);

// Verbatim from the reference's command table.
const FIND = 'AA AA AA 96 69 00 03 20 01 22';
const SELECT = 'AA AA AA 96 69 00 03 20 02 21';
const READ = 'AA AA AA 96 69 00 03 30 01 32';
const READ_FP = 'AA AA AA 96 69 00 03 30 10 23';
const ADDRESS = 'AA AA AA 96 69 00 03 30 03 30';
const SAM_STATUS = 'AA AA AA 96 69 00 03 11 FF ED';
const SAM_ID = 'AA AA AA 96 69 00 03 12 FF EE';
const RESET = 'AA AA AA 96 69 00 03 10 FF EC';

/** A bare status reply: Len 00 04, SW 00 00 sw3, CHK = 04 ^ sw3. */
const statusReply = (sw3: number): number[] => [...hex('AA AA AA 96 69 00 04 00 00'), sw3, 0x04 ^ sw3];

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

function rig(options: ConstructorParameters<typeof Ga467Simulator>[1] = {}) {
  const pair = createMemoryPortPair('test');
  const simulator = new Ga467Simulator(pair.deviceEnd, options);
  let received: number[] = [];
  pair.driverEnd.onData((chunk) => received.push(...chunk));
  close = async () => {
    simulator.close();
    await pair.driverEnd.close();
  };
  /**
   * Sends bytes and collects what comes back: waits up to 500 ms for a first byte (or up to 2 s for `expectBytes`),
   * then until 30 ms pass quietly.
   */
  async function send(frame: string | number[], expectBytes = 1): Promise<number[]> {
    received = [];
    await pair.driverEnd.write(Uint8Array.from(typeof frame === 'string' ? hex(frame) : frame));
    const limit = expectBytes > 1 ? 2_000 : 500;
    for (let waited = 0; received.length < expectBytes && waited < limit; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
    let seen = -1;
    while (seen !== received.length) {
      seen = received.length;
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    return received;
  }
  return { simulator, send };
}

describe('GA 467 simulator', () => {
  it('answers SAM status, SAM ID and reset', async () => {
    const { send } = rig();
    expect(await send(SAM_STATUS)).toEqual(hex('AA AA AA 96 69 00 04 00 00 90 94'));
    // Len = SW ×3 + 16 + CHK = 20 = 00 14.
    const id = await send(SAM_ID);
    expect(id.slice(0, 10)).toEqual(hex('AA AA AA 96 69 00 14 00 00 90'));
    expect(id.slice(10, 26)).toEqual(Array.from(DEFAULT_SAM_ID));
    expect(id).toHaveLength(27);
    expect(id[26]).toBe(xor(id.slice(5, 26)));
    expect(await send(RESET)).toEqual(statusReply(0x90));
  });

  it('find fails without a card (the published 0x80 reply), select and read fail too', async () => {
    const { send } = rig();
    expect(await send(FIND)).toEqual(hex('AA AA AA 96 69 00 04 00 00 80 84'));
    expect(await send(SELECT)).toEqual(statusReply(0x81));
    expect(await send(READ)).toEqual(hex('AA AA AA 96 69 00 04 00 00 41 45'));
  });

  it('find → select → read gives the 1,295-byte reply laid out as the reference table says', async () => {
    const { simulator, send } = rig();
    simulator.present('resident');
    expect(await send(FIND)).toEqual(hex('AA AA AA 96 69 00 04 00 00 9F 9B'));
    expect(await send(SELECT)).toEqual(hex('AA AA AA 96 69 00 04 00 00 90 94'));
    const reply = await send(READ);
    expect(reply).toHaveLength(1295);
    expect(reply.slice(0, 14)).toEqual(hex('AA AA AA 96 69 05 08 00 00 90 01 00 04 00'));
    expect(reply.slice(14, 270)).toEqual(Array.from(testCards.resident.text));
    expect(reply.slice(270, 1294)).toEqual(Array.from(testCards.resident.photo));
    expect(reply[1294]).toBe(xor(reply.slice(5, 1294)));
  });

  it('30 10 carries the fingerprint length after the photo length, and the fingerprint after the photo', async () => {
    const { simulator, send } = rig();
    simulator.present('resident');
    await send(FIND);
    await send(SELECT);
    const reply = await send(READ_FP);
    // Len = 3 + 6 + 256 + 1024 + 1024 + 1 = 2314 = 09 0A; fingerprint length 1024 = 04 00.
    expect(reply).toHaveLength(7 + 2314);
    expect(reply.slice(0, 16)).toEqual(hex('AA AA AA 96 69 09 0A 00 00 90 01 00 04 00 04 00'));
    expect(reply.slice(16, 272)).toEqual(Array.from(testCards.resident.text));
    expect(reply.slice(1296, 2320)).toEqual(Array.from(testCards.resident.fingerprint));

    simulator.present('foreign2017');
    await send(FIND);
    await send(SELECT);
    const none = await send(READ_FP);
    expect(none.slice(0, 16)).toEqual(hex('AA AA AA 96 69 05 0A 00 00 90 01 00 04 00 00 00'));
  });

  it('30 03: the appended address as UTF-16LE, or 0x91 when the card has none', async () => {
    const { simulator, send } = rig();
    simulator.present('resident');
    await send(FIND);
    await send(SELECT);
    expect(await send(ADDRESS)).toEqual(hex('AA AA AA 96 69 00 04 00 00 91 95'));
    simulator.present('residentRareName');
    await send(FIND);
    await send(SELECT);
    const reply = await send(ADDRESS);
    // Len = 3 + 70 + 1 = 74 = 00 4A. 浙 is U+6D59: 59 6D in UTF-16LE.
    expect(reply.slice(0, 12)).toEqual(hex('AA AA AA 96 69 00 4A 00 00 90 59 6D'));
    expect(Buffer.from(reply.slice(10, 80)).toString('utf16le').trimEnd()).toBe('浙江省杭州市拱墅区样例街9号');
  });

  it('after a read, find fails until the card is taken away and presented again; select still works', async () => {
    const { simulator, send } = rig();
    simulator.present('foreign2023');
    await send(FIND);
    await send(SELECT);
    expect(await send(READ)).toHaveLength(1295);
    expect(await send(FIND)).toEqual(statusReply(0x80));
    expect(await send(SELECT)).toEqual(statusReply(0x90));
    expect(await send(READ)).toHaveLength(1295);
    simulator.remove();
    expect(await send(SELECT)).toEqual(statusReply(0x81));
    simulator.present('foreign2023');
    expect(await send(FIND)).toEqual(statusReply(0x9f));
    expect(simulator.readsServed).toBe(2);
  });

  it('answers damaged host frames with 0x10 / 0x11, unknown commands with 0x21, and resynchronises', async () => {
    const { send } = rig();
    expect(await send('AA AA AA 96 69 00 03 20 01 23')).toEqual(statusReply(0x10));
    expect(await send('AA AA AA 96 69 00 01 20')).toEqual(statusReply(0x11));
    // 03 ^ 99 ^ 01 = 9B.
    expect(await send('AA AA AA 96 69 00 03 99 01 9B')).toEqual(statusReply(0x21));
    // A known command with data it does not take: Len 00 04, CHK = 04 ^ 20 ^ 01 ^ 00 = 25.
    expect(await send('AA AA AA 96 69 00 04 20 01 00 25')).toEqual(statusReply(0x11));
    expect(await send([0x13, 0xaa, 0x00, 0x96, ...hex(SAM_STATUS)])).toEqual(statusReply(0x90));
    // Set baud rate 60 00 (03 ^ 60 ^ 00 = 63) is acknowledged.
    expect(await send('AA AA AA 96 69 00 03 60 00 63')).toEqual(statusReply(0x90));
  });

  it('SAM fault, silence and resume', async () => {
    const { simulator, send } = rig();
    simulator.samFault();
    expect(await send(SAM_STATUS)).toEqual(statusReply(0x60));
    expect(await send(FIND)).toEqual(statusReply(0x60));
    simulator.silent();
    expect(await send(SAM_STATUS)).toEqual([]);
    simulator.resume();
    expect(await send(SAM_STATUS)).toEqual(statusReply(0x90));
  });

  it('damages one reply as asked', async () => {
    const { simulator, send } = rig();
    simulator.corruptNextReply('badChecksum');
    expect(await send(SAM_STATUS)).toEqual(hex('AA AA AA 96 69 00 04 00 00 90 6B'));
    expect(await send(SAM_STATUS)).toEqual(statusReply(0x90));
    simulator.corruptNextReply('truncated');
    expect(await send(SAM_STATUS)).toEqual(hex('AA AA AA 96 69 00'));
    simulator.corruptNextReply('garbage');
    const garbage = await send(SAM_STATUS);
    expect(garbage.slice(-11)).toEqual(statusReply(0x90));
    expect(garbage.length).toBeGreaterThan(11);
    simulator.corruptNextReply('truncated', 'cardRead');
    expect(await send(FIND)).toEqual(statusReply(0x80));
    simulator.present('resident');
    await send(FIND);
    await send(SELECT);
    expect(await send(READ)).toHaveLength(648);
    expect(await send(READ)).toHaveLength(1295);
  });

  it('paces replies at the configured UART rate', async () => {
    const { simulator, send } = rig({ wireBaudRate: 115_200 });
    simulator.present('resident');
    await send(FIND);
    await send(SELECT);
    const started = performance.now();
    const reply = await send(READ, 1295);
    expect(reply).toHaveLength(1295);
    // 1295 bytes × 10 bits / 115200 = 112 ms: the reply cannot come faster.
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });
});

describe('host frame scanner', () => {
  it('never throws on random or mutated input', () => {
    const command = hex(FIND);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.uint8Array({ maxLength: 40 }),
            fc.constant(Uint8Array.from(command)),
            fc.tuple(fc.nat(command.length - 1), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => {
              const copy = Uint8Array.from(command);
              copy[at] = byte;
              return copy;
            }),
          ),
          { maxLength: 12 },
        ),
        (chunks) => {
          const scanner = new HostFrameScanner();
          for (const chunk of chunks) scanner.push(chunk);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});

describe('simulator control', () => {
  it('scripts the simulator through the hub', async () => {
    const pair = createMemoryPortPair();
    const simulator = new Ga467Simulator(pair.deviceEnd);
    const hub = new SimulationHub();
    hub.register(idCardSimulatorControl('idcard-1', simulator));
    expect(hub.list()[0]?.actions.map((a) => a.name)).toEqual(['present', 'remove', 'corruptNextReply', 'samFault', 'silent', 'resume']);
    expect(await hub.run('idcard-1', 'present', undefined)).toEqual({ ok: true });
    expect(simulator.presentedCard).toBe('resident');
    expect(await hub.run('idcard-1', 'present', { card: 'foreign2023' })).toEqual({ ok: true });
    expect(simulator.presentedCard).toBe('foreign2023');
    expect(await hub.run('idcard-1', 'present', { card: 'nobody' })).toMatchObject({ ok: false });
    expect(await hub.run('idcard-1', 'remove', {})).toEqual({ ok: true });
    expect(simulator.presentedCard).toBeUndefined();
    expect(await hub.run('idcard-1', 'corruptNextReply', { kind: 'garbage', reply: 'cardRead' })).toEqual({ ok: true });
    expect(await hub.run('idcard-1', 'samFault', undefined)).toEqual({ ok: true });
    expect(await hub.run('idcard-1', 'silent', undefined)).toEqual({ ok: true });
    expect(await hub.run('idcard-1', 'resume', undefined)).toEqual({ ok: true });
    simulator.close();
  });
});
