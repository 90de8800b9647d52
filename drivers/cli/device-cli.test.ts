import { describe, expect, it } from 'vitest';
import { runDeviceCli } from './device-cli';

function harness() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), signal: new AbortController().signal } };
}

const registry = {
  demo: {
    echo: {
      usage: 'echo --text T  print T',
      options: { text: { type: 'string' as const } },
      run: async (values: Record<string, unknown>, io: { out(l: string): void }) => {
        if (!values.text) return { ok: false as const, reason: '--text is required' };
        io.out(String(values.text));
        return { ok: true as const };
      },
    },
    boom: { usage: 'boom', options: {}, run: async () => Promise.reject(new Error('port vanished\nstack...')) },
  },
};

describe('device CLI', () => {
  it('runs a command and exits 0', async () => {
    const h = harness();
    expect(await runDeviceCli(['demo', 'echo', '--text', 'hi'], registry, h.io)).toBe(0);
    expect(h.out).toEqual(['hi']);
  });

  it('gives a one-line reason and a non-zero exit on failure', async () => {
    const h = harness();
    expect(await runDeviceCli(['demo', 'echo'], registry, h.io)).toBe(1);
    expect(h.err).toEqual(['demo echo: --text is required']);
    const b = harness();
    expect(await runDeviceCli(['demo', 'boom'], registry, b.io)).toBe(1);
    expect(b.err).toEqual(['demo boom: port vanished']);
  });

  it('refuses unknown commands and options with usage, exit 2', async () => {
    const h = harness();
    expect(await runDeviceCli(['demo', 'nope'], registry, h.io)).toBe(2);
    expect(h.err[0]).toBe('unknown command: demo nope');
    const o = harness();
    expect(await runDeviceCli(['demo', 'echo', '--colour'], registry, o.io)).toBe(2);
    expect(o.err[1]).toBe('usage: demo echo --text T  print T');
  });
});
