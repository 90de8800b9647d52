import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../outbox/test-support/outbox-fixture';
import { SessionStore } from './session-store';

const logger = { info: () => {}, warn: () => {}, error: () => {} };
let temp: ReturnType<typeof tempDataDir>;
let dir: string;
let store: SessionStore | undefined;

beforeEach(() => {
  temp = tempDataDir('sessions-');
  dir = path.join(temp.dataDir, 'sessions');
});
afterEach(async () => {
  await store?.close();
  store = undefined;
  temp.remove();
});

describe('SessionStore', () => {
  it('empties the sessions folder when it opens: what a crash left there is personal data', async () => {
    mkdirSync(path.join(dir, 'old-session'), { recursive: true });
    writeFileSync(path.join(dir, 'old-session', 'scan-1.png'), 'page');
    store = await SessionStore.open({ dir, logger });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('wipes sessions left idle, but not one with an operation running', async () => {
    let now = 1_000;
    store = await SessionStore.open({ dir, logger, now: () => now, idleMs: 10_000 });
    const idle = store.start();
    const working = store.start();
    let finish = (): void => {};
    const running = working.track(() => new Promise<void>((resolve) => (finish = resolve)));
    mkdirSync(idle.dir);
    now += 10_001;
    expect(await store.sweep()).toBe(1);
    expect(store.get(idle.id)).toBeUndefined();
    expect(existsSync(idle.dir)).toBe(false);
    expect(store.get(working.id)).toBe(working);
    finish();
    await running;
  });

  it('sweeps by itself', async () => {
    store = await SessionStore.open({ dir, logger, idleMs: 50 });
    store.start();
    await expect.poll(() => store?.size, { timeout: 5_000, interval: 20 }).toBe(0);
  });

  it('ends every session at close', async () => {
    store = await SessionStore.open({ dir, logger });
    const session = store.start();
    mkdirSync(session.dir);
    await store.close();
    expect(store.size).toBe(0);
    expect(session.ended).toBe(true);
    expect(existsSync(session.dir)).toBe(false);
  });
});
