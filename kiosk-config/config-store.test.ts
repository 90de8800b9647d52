import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from './config-error';
import { ConfigStore, OVERRIDES_SOURCE } from './config-store';

const base = [
  { source: 'site.json', data: { terminal: { name: 'Branch terminal' }, ui: { idle: { warnAfterSeconds: 60 } } } },
  { source: 'terminal.json', data: { devices: { receiptPrinter: { kind: 'usb', devicePath: '/dev/usb/lp0' } } } },
];

describe('ConfigStore', () => {
  it('starts from the file layers', () => {
    const store = new ConfigStore(base);
    expect(store.current.terminal.name).toBe('Branch terminal');
    expect(store.current.ui.idle.warnAfterSeconds).toBe(60);
    expect(store.overrides).toEqual({});
  });

  it('throws ConfigError when the file layers are invalid', () => {
    expect(() => new ConfigStore([{ source: 'site.json', data: { ui: { speech: { volume: -1 } } } }])).toThrow(ConfigError);
  });

  it('applies a good push over the files and tells the listeners', () => {
    const store = new ConfigStore(base);
    const listener = vi.fn();
    store.onChange(listener);
    const before = store.current;
    const result = store.applyOverrides({ ui: { idle: { countdownSeconds: 45 } } });
    expect(result.ok).toBe(true);
    expect(store.current.ui.idle).toEqual({ warnAfterSeconds: 60, countdownSeconds: 45 });
    expect(store.current.devices.receiptPrinter).toEqual({ kind: 'usb', devicePath: '/dev/usb/lp0' });
    expect(listener).toHaveBeenCalledExactlyOnceWith(store.current, before);
  });

  it('refuses a bad push, keeps the last good configuration and tells no one', () => {
    const store = new ConfigStore(base);
    store.applyOverrides({ ui: { idle: { countdownSeconds: 45 } } });
    const good = store.current;
    const listener = vi.fn();
    store.onChange(listener);

    const result = store.applyOverrides({ ui: { idle: { countdownSeconds: 45, warnAfterSeconds: 'soon' } } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.source).toBe(OVERRIDES_SOURCE);
    expect(result.error.message).toContain('ui.idle.warnAfterSeconds');
    expect(store.current).toBe(good);
    expect(store.overrides).toEqual({ ui: { idle: { countdownSeconds: 45 } } });
    expect(listener).not.toHaveBeenCalled();

    for (const bad of [null, 'x', [], { devices: { scanner: { kind: 'twain' } } }, { nope: 1 }]) {
      expect(store.applyOverrides(bad).ok).toBe(false);
    }
    expect(store.current).toBe(good);
    expect(listener).not.toHaveBeenCalled();
  });

  it('replaces the previous push instead of accumulating', () => {
    const store = new ConfigStore(base);
    store.applyOverrides({ ui: { elderModeDefault: true } });
    store.applyOverrides({ ui: { speech: { volume: 0.5 } } });
    expect(store.current.ui.elderModeDefault).toBe(false);
    expect(store.current.ui.speech.volume).toBe(0.5);
    store.applyOverrides({});
    expect(store.current.ui.speech.volume).toBe(0.8);
  });

  it('does not notify when a push changes nothing', () => {
    const store = new ConfigStore(base);
    const listener = vi.fn();
    store.onChange(listener);
    expect(store.applyOverrides({ terminal: { name: 'Branch terminal' } }).ok).toBe(true);
    expect(listener).not.toHaveBeenCalled();
  });

  it('stops notifying after unsubscribe', () => {
    const store = new ConfigStore(base);
    const listener = vi.fn();
    const unsubscribe = store.onChange(listener);
    unsubscribe();
    store.applyOverrides({ ui: { elderModeDefault: true } });
    expect(listener).not.toHaveBeenCalled();
  });

  it('hands out a frozen configuration', () => {
    const store = new ConfigStore(base);
    expect(() => {
      (store.current.ui.idle as { warnAfterSeconds: number }).warnAfterSeconds = 1;
    }).toThrow(TypeError);
  });

  it('keeps the change and the other listeners when one listener throws', () => {
    const onListenerError = vi.fn();
    const store = new ConfigStore(base, { onListenerError });
    const boom = new Error('boom');
    const second = vi.fn();
    store.onChange(() => {
      throw boom;
    });
    store.onChange(second);
    expect(store.applyOverrides({ ui: { elderModeDefault: true } }).ok).toBe(true);
    expect(store.current.ui.elderModeDefault).toBe(true);
    expect(second).toHaveBeenCalledOnce();
    expect(onListenerError).toHaveBeenCalledWith(boom);
  });
});
